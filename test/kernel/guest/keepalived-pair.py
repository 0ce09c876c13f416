"""
Two real keepalived routers elect a master, then the first stops: the playground's "run it on a real
kernel" (src/components/playground), in the browser's kernel (scripts/kernel-image), and the test
suite's check of it (test/kernel/browser-kernel.test.ts).

Network: two bridges (eth0's and eth1's segments) joining namespaces ka0 and ka1; router K has
10.89.0.1K/24 on eth0 and 10.89.1.1K/24 on eth1, plus the addresses the request gives it (a config's
unicast_src_ip). Each runs keepalived -n -l -D with its config (VRRP and checkers: the IPVS table is
the one keepalived builds). Every line keepalived logs is stamped with the time since both started;
"(NAME) Entering STATE STATE" lines are the state changes. At stop_at the first router gets SIGTERM
(a graceful stop: it sends priority 0); at until both are stopped.

usage: python3 keepalived-pair.py REQUEST.json   {"configs": [c0, c1], "addresses": [[[dev, cidr], …], …],
       "stop_at": s, "until": s, "start_gap": s}  → prints "PAIR " + {"transitions", "priority0", "logs", "ipvs", "addresses"}
"""
import json, os, re, signal, subprocess, sys, threading, time

req = json.load(open(sys.argv[1]))
NS = ['ka0', 'ka1']
STATE = re.compile(r'\((\S+)\) Entering (\w+) STATE')
# A graceful stop acts when keepalived sends its priority 0 advert, which it logs.
PRIORITY0 = re.compile(r'\((\S+)\) sent 0 priority')


def must(cmd):
    r = subprocess.run(['sh', '-c', cmd], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit('keepalived-pair: %s: %s' % (cmd, r.stderr.strip()))


def ns_run(ns, cmd):
    return subprocess.run(['ip', 'netns', 'exec', ns, 'sh', '-c', cmd], capture_output=True, text=True).stdout


def cleanup():
    for k, ns in enumerate(NS):
        for dev in ('eth0', 'eth1'):
            subprocess.run(['ip', 'link', 'del', '%s-%s' % (ns, dev)], capture_output=True)
        subprocess.run(['ip', 'netns', 'del', ns], capture_output=True)
    for br in ('kabr0', 'kabr1'):
        subprocess.run(['ip', 'link', 'del', br], capture_output=True)


cleanup()
for b, br in enumerate(('kabr0', 'kabr1')):
    must('ip link add %s type bridge && ip link set %s up' % (br, br))
for k, ns in enumerate(NS):
    must('ip netns add %s && ip -n %s link set lo up' % (ns, ns))
    for b, dev in enumerate(('eth0', 'eth1')):
        must('ip link add %s-%s type veth peer name %s netns %s' % (ns, dev, dev, ns))
        must('ip link set %s-%s master kabr%d up && ip -n %s link set %s up' % (ns, dev, b, ns, dev))
        must('ip -n %s addr add 10.89.%d.1%d/24 dev %s' % (ns, b, k, dev))
    for dev, cidr in req['addresses'][k]:
        must('ip -n %s addr add %s dev %s' % (ns, cidr, dev))
    os.makedirs('/tmp/ka%d' % k, exist_ok=True)
    open('/tmp/ka%d/keepalived.conf' % k, 'w').write(req['configs'][k])

t0 = time.monotonic()
logs = [[], []]
transitions = []
priority0 = []
procs = []


def reader(k, p):
    for line in p.stdout:
        at = time.monotonic() - t0
        logs[k].append('%8.3f %s' % (at, line.rstrip('\n')))
        m = STATE.search(line)
        if m:
            transitions.append({'at': round(at, 3), 'router': k, 'instance': m.group(1), 'state': m.group(2)})
        m = PRIORITY0.search(line)
        if m:
            priority0.append({'at': round(at, 3), 'router': k, 'instance': m.group(1)})


for k, ns in enumerate(NS):
    d = '/tmp/ka%d' % k
    # Router 2 starts a moment after router 1, as two directors rarely start in the same millisecond: its
    # master-down timer would otherwise run out within 40 ms of router 1's (their priorities differ by 10),
    # closer than an emulated machine can keep two processes' timers apart.
    time.sleep(max(0, t0 + req.get('start_gap', 0) * k - time.monotonic()))
    p = subprocess.Popen(['ip', 'netns', 'exec', ns, 'keepalived', '-n', '-l', '-D', '-f', d + '/keepalived.conf',
                          '-p', d + '/main.pid', '-r', d + '/vrrp.pid', '-c', d + '/check.pid'],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    procs.append(p)
    threading.Thread(target=reader, args=(k, p), daemon=True).start()

ipvs = {}
time.sleep(max(0, t0 + req['stop_at'] - time.monotonic()))
ipvs['before'] = [ns_run(ns, 'ipvsadm -Ln') for ns in NS]
# What each keepalived process is doing when router 1 is stopped (for a run that went wrong).
diag = subprocess.run(['sh', '-c', 'for p in $(pidof keepalived); do echo "$p $(cut -d" " -f3 /proc/$p/stat) $(cat /proc/$p/wchan)"; done'], capture_output=True, text=True).stdout
addresses = {'before': [ns_run(ns, 'ip -4 -o addr show') for ns in NS]}
procs[0].send_signal(signal.SIGTERM)
time.sleep(max(0, t0 + req['until'] - time.monotonic()))
ipvs['after'] = [ns_run(ns, 'ipvsadm -Ln') for ns in NS]
addresses['after'] = [ns_run(ns, 'ip -4 -o addr show') for ns in NS]
for p in procs:
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
for p in procs:
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
time.sleep(0.2)
cleanup()
print('PAIR ' + json.dumps({'transitions': sorted(transitions, key=lambda t: t['at']), 'priority0': priority0, 'processes': diag, 'logs': ['\n'.join(l) for l in logs], 'ipvs': ipvs, 'addresses': addresses}))
