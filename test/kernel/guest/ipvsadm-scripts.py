# Runs each $WORK/in/*.txt command script on a real director in a network of its own (IPVS, its
# timeouts and its sysctls are per namespace). Writes the transcript ($ LINE, stdout, stderr, [exit N]) to
# $WORK/out/NAME.out — the format of src/sim/ipvsadm/script.ts.
#
# The network (the console's, src/sim/ipvsadm/traffic.ts), one L2 segment (a bridge) joining:
#   d   the director: eth0 203.0.113.254/24 (the clients' gateway) and 192.0.2.254/32 (the real
#       servers'), eth1 (a dummy: the sync daemon's other interface), every VIP of the script on lo;
#   c   the clients 203.0.113.1 … 203.0.113.20, default route via the director;
#   rK  one namespace per real server address of the script: the address on eth0, an HTTP server on
#       each of its ports answering "Hello from ADDR:PORT", default route via the director (NAT
#       replies), the VIPs on lo with arp_ignore=1 / arp_announce=2 and replies from a VIP sent
#       straight to the client (DR).
# Commands run as sh runs them in the director's namespace, except: `curl` in the clients'
# namespace, and `connect` / `disconnect`, which this runner does itself (it holds the sockets).
import ctypes, os, re, socket, subprocess, sys, time

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
work = os.environ.get('WORK', '')  # (imported by ipvsadm-live.py, which has none)
CLIENTS = 20
GUEST = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, stdin=b''):
    return subprocess.run(['sh', '-c', cmd], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def must(cmd):
    r = sh(cmd)
    if r.returncode != 0:
        raise RuntimeError('%s: %s' % (cmd, r.stderr.decode()))


def addresses(text):
    """The VIPs (-t/-u/--sctp-service and traffic targets) and real server addresses:ports of a script."""
    vips, rips, vports = set(), {}, set()
    for m in re.finditer(r'(?:-t|-u|--tcp-service|--udp-service|--sctp-service)[ =](\d+\.\d+\.\d+\.\d+)(?::(\d+))?', text):
        vips.add(m.group(1))
        vports.add(int(m.group(2) or 0))
    for m in re.finditer(r'^(?:curl|connect)\b.*?(\d+\.\d+\.\d+\.\d+):\d+', text, re.M):
        vips.add(m.group(1))
    for m in re.finditer(r'(?:-r|--real-server)[ =](\d+\.\d+\.\d+\.\d+)(?::(\d+))?', text):
        rips.setdefault(m.group(1), set()).add(int(m.group(2) or 0))
    return vips, rips, sorted(p for p in vports if p)


def setup(n, text):
    vips, rips, vports = addresses(text)
    d, c = make_network(n)
    for v in sorted(vips):
        add_vip(d, v, [])
    servers = []
    for k, (rip, ports) in enumerate(sorted(rips.items())):
        r = add_server(n, k, d, rip, vips)
        # Every port the script names (a real server given without one serves the service's port).
        servers.append(serve_http(r, rip, sorted(set(vports) | {p for p in ports if p})))
    return d, c, servers


def make_network(n):
    """The bridge, the director d<n> (eth0 on the bridge, eth1 a dummy) and the clients' namespace c<n>."""
    br, d, c = 'br%d' % n, 'd%d' % n, 'c%d' % n
    must('ip link add %s type bridge && ip link set %s up' % (br, br))
    join(br, d, 'eth0')
    must('ip -n %s link add eth1 type dummy && ip -n %s link set eth1 up' % (d, d))
    must('ip -n %s addr add 203.0.113.254/24 dev eth0 && ip -n %s addr add 192.0.2.254/32 dev eth0' % (d, d))
    must('ip netns exec %s sysctl -qw net.ipv4.ip_forward=1' % d)
    join(br, c, 'eth0')
    must('ip -n %s addr add 203.0.113.1/24 dev eth0' % c)
    for k in range(2, CLIENTS + 1):
        must('ip -n %s addr add 203.0.113.%d/24 dev eth0' % (c, k))
    must('ip -n %s route add default via 203.0.113.254' % c)
    return d, c


def join(br, ns, ifname):
    must('ip netns add %s && ip -n %s link set lo up' % (ns, ns))
    must('ip link add %s-%s type veth peer name %s netns %s' % (ns, ifname, ifname, ns))
    must('ip link set %s-%s master %s up && ip -n %s link set %s up' % (ns, ifname, br, ns, ifname))


def add_vip(d, vip, servers):
    """A VIP on the director's lo, and on every real server's lo with its replies sent to the client (DR)."""
    must('ip -n %s addr add %s/32 dev lo' % (d, vip))
    for r in servers:
        must('ip -n %s addr add %s/32 dev lo' % (r, vip))
        must('ip -n %s rule add from %s table 100' % (r, vip))


def add_server(n, k, d, rip, vips):
    """Real server r<n>-<k> at rip: reached through the director (NAT replies), holding every VIP (DR)."""
    r = 'r%d-%d' % (n, k)
    join('br%d' % n, r, 'eth0')
    must('ip netns exec %s sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2' % r)
    must('ip -n %s addr add %s/32 dev eth0' % (r, rip))
    must('ip -n %s route add 192.0.2.254 dev eth0 && ip -n %s route add default via 192.0.2.254' % (r, r))
    must('ip -n %s route add %s/32 dev eth0' % (d, rip))
    must('ip -n %s route add 203.0.113.0/24 dev eth0 table 100' % r)
    for v in sorted(vips):
        must('ip -n %s addr add %s/32 dev lo' % (r, v))
        must('ip -n %s rule add from %s table 100' % (r, v))
    return r


def serve_http(r, rip, ports):
    return subprocess.Popen(['ip', 'netns', 'exec', r, '/usr/bin/python3', os.path.join(GUEST, 'http-hello.py'), rip] + [str(p) for p in ports])


def setns_to(name):
    fd = os.open('/run/netns/' + name, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns')
    os.close(fd)


class Clients:
    """connect / disconnect: TCP connections from 203.0.113.K:PORT that this process holds open."""
    def __init__(self):
        self.held = []
        self.next_port = 40000

    def connect(self, args):
        n, m, how, target = 1, 1, 'hold', None
        i = 0
        while i < len(args):
            a = args[i]
            if a == '-n': n = int(args[i + 1]); i += 1
            elif a == '-c': m = int(args[i + 1]); i += 1
            elif a in ('--close', '--reset', '--hold'): how = a[2:]
            else: target = a
            i += 1
        host, port = target.rsplit(':', 1)
        opened = refused = 0
        made = []
        for j in range(n):
            s = socket.socket()
            s.bind(('203.0.113.%d' % (j % m + 1), self.next_port))
            self.next_port += 1
            try:
                s.connect((host, int(port)))
            except ConnectionRefusedError:
                refused += 1
                s.close()
                continue
            opened += 1
            made.append(s)
        # All opened first, then all closed or reset (as the simulated `connect` does).
        if how == 'reset':
            for s in made:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
                s.close()
        elif how == 'close':
            self.close(made)
        else:
            self.held.extend(made)
        return opened, refused, how

    def close(self, socks):
        # Our FINs, in order, then wait for the servers' (each closes half a second after it reads the end).
        for s in socks:
            s.shutdown(socket.SHUT_WR)
        for s in socks:
            s.settimeout(5)
            try:
                while s.recv(4096):
                    pass
            except OSError:
                pass
            s.close()

    def disconnect(self):
        n = len(self.held)
        self.close(self.held)
        self.held = []
        return n


TRAFFIC = re.compile(r'^\s*(curl|connect|disconnect|sleep)\b', re.M)


def plain(n):
    """A director alone, for scripts without traffic: lo, eth0 and eth1 (dummies)."""
    d = 'd%d' % n
    must('ip netns add %s && ip -n %s link set lo up' % (d, d))
    for i in ('eth0', 'eth1'):
        must('ip -n %s link add %s type dummy && ip -n %s link set %s up' % (d, i, d, i))
    return d, None, []


def one(n, name):
    text = open(os.path.join(work, 'in', name)).read()
    d, c, servers = setup(n, text) if TRAFFIC.search(text) else plain(n)
    time.sleep(0.3 if servers else 0)
    clients = Clients()
    started = time.monotonic()
    lines = text.split('\n')
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
        word = cmd.split()[0]
        if word in ('connect', 'disconnect'):
            # The same words as the simulated console (src/sim/ipvsadm/traffic.ts).
            setns_to(c)
            if word == 'connect':
                opened, refused, how = clients.connect(cmd.split()[1:])
                text_out = traffic_words(opened, refused, how)
            else:
                closed = clients.disconnect()
                text_out = 'closed %d connection%s\n' % (closed, '' if closed == 1 else 's')
            out.append(('$ ' + line + '\n' + text_out + '[exit 0]\n').encode())
            continue
        ns = c if word == 'curl' else d
        r = subprocess.run(['ip', 'netns', 'exec', ns, 'sh', '-c', cmd], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        out.append(b'$ ' + line.encode() + b'\n' + r.stdout + r.stderr + b'[exit %d]\n' % r.returncode)
    open(os.path.join(work, 'out', name[:-4] + '.out'), 'wb').write(b''.join(out))
    # How long the commands took on the real clock: the simulated one only moves on `sleep`.
    open(os.path.join(work, 'out', name[:-4] + '.secs'), 'w').write('%.3f\n' % (time.monotonic() - started))
    for s in servers:
        s.kill()


def traffic_words(opened, refused, how):
    s = 'opened %d connection%s' % (opened, '' if opened == 1 else 's')
    if how != 'hold' and opened:
        s += ', %s' % ('closed them' if how == 'close' else 'reset them')
    if refused:
        s += '; %d refused' % refused
    return s + '\n'


if __name__ == '__main__':
    names = sorted(f for f in os.listdir(os.path.join(work, 'in')) if f.endswith('.txt'))
    if len(sys.argv) > 2 and sys.argv[1] == 'one':
        one(int(sys.argv[2]), sys.argv[3])
        sys.exit(0)
    # The scripts without traffic at once, each in a process of its own (a namespace is per thread; sockets
    # stay with theirs); then those with traffic, one after another, so that no TCP timer fires for want
    # of CPU and adds a retransmission to the counters.
    texts = {name: open(os.path.join(work, 'in', name)).read() for name in names}
    quiet = [n for n, name in enumerate(names) if not TRAFFIC.search(texts[name])]
    procs = [subprocess.Popen([sys.executable, os.path.abspath(__file__), 'one', str(n), names[n]]) for n in quiet]
    for p in procs:
        p.wait()
    for n, name in enumerate(names):
        if n not in quiet:
            subprocess.run([sys.executable, os.path.abspath(__file__), 'one', str(n), name])
