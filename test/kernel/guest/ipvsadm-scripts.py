# Runs each $WORK/in/*.txt command script on a real director: a fresh network namespace per script
# (IPVS, its timeouts and its sysctls are per namespace), one command per line as sh runs it, a
# here-document's lines as its stdin. Writes the transcript ($ LINE, stdout, stderr, [exit N]) to
# $WORK/out/NAME.out — the format of src/sim/ipvsadm/script.ts.
import os, re, subprocess, sys

work = os.environ['WORK']
names = sorted(f for f in os.listdir(os.path.join(work, 'in')) if f.endswith('.txt'))
for n, name in enumerate(names):
    ns = 'ipvsadm%d' % n
    subprocess.run(['ip', 'netns', 'add', ns], check=True)
    subprocess.run(['ip', '-n', ns, 'link', 'set', 'lo', 'up'], check=True)
    # An eth0, as a director has: the sync daemon's default multicast interface.
    subprocess.run(['ip', '-n', ns, 'link', 'add', 'eth0', 'type', 'dummy'], check=True)
    subprocess.run(['ip', '-n', ns, 'link', 'set', 'eth0', 'up'], check=True)
    lines = open(os.path.join(work, 'in', name)).read().split('\n')
    out = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip('\r')
        i += 1
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        stdin = b''
        here = re.search(r"<<\s*'?(\w+)'?\s*$", line)
        cmd = line
        if here:
            body = []
            while i < len(lines) and lines[i].rstrip('\r') != here.group(1):
                body.append(lines[i].rstrip('\r'))
                i += 1
            i += 1
            stdin = ''.join(b + '\n' for b in body).encode()
            cmd = line[:here.start()].rstrip()
        r = subprocess.run(['ip', 'netns', 'exec', ns, 'sh', '-c', cmd], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        out.append(b'$ ' + line.encode() + b'\n' + r.stdout + r.stderr + b'[exit %d]\n' % r.returncode)
    open(os.path.join(work, 'out', name[:-4] + '.out'), 'wb').write(b''.join(out))
    subprocess.run(['ip', 'netns', 'del', ns])
