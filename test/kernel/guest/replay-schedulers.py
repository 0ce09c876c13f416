"""
Replays IPVS scheduler scenarios (../../../../shared/ipvs-scenarios/SCHEMA.md) on the real kernel,
inside the user-mode Linux guest. Each scenario gets three fresh network namespaces:

  cl (the clients: every saddr)  ── veth ──  dr (the director: VIPs, IPVS, NAT)  ── veth ──  rs (every real server address)

The service is created empty and its destinations added last-first, as ipvsadm and keepalived do.
Each connect is a real TCP connection from its own saddr:sport; the real server answers with the
address it was reached at, which is the pick. A refused connection (IPVS answers with ICMP port
unreachable when the scheduler finds nothing) is a null pick. close sends a FIN (the entry turns
inactive, CLOSE_WAIT), expire resets the connection (CLOSE, 10 s) and waits until the entry is gone.

usage: python3 replay-schedulers.py IN.json OUT.json   (IN: [{"id", "scenario"}], OUT: {id: {"picks"} or {"error"}})
"""
import ctypes, json, os, selectors, socket, struct, subprocess, sys, threading, time

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
HOME_NS = os.open('/proc/self/ns/net', os.O_RDONLY)
# The links' own addresses, from the shared address space (RFC 6598) no scenario uses: the scheduler lab's
# clients are 198.18.0.0/23, and a client address on a link would be the link's.
LINK_C, LINK_R = ('100.64.0.1', '100.64.0.2'), ('100.64.1.1', '100.64.1.2')


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns failed')


class In:
    """Runs the body with the calling thread in namespace NAME (sockets made there stay there)."""
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.fd = os.open('/run/netns/' + self.name, os.O_RDONLY)
        setns(self.fd)

    def __exit__(self, *a):
        setns(HOME_NS)
        os.close(self.fd)


def run(args, stdin=None):
    p = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError('%s failed (%d): %s' % (' '.join(args[:4]), p.returncode, p.stderr.strip() or p.stdout.strip()))
    return p.stdout


class Servers:
    """Every real server of a scenario: one listener per port in rs, answering with the address it was reached at."""
    def __init__(self, ports):
        self.sel = selectors.DefaultSelector()
        self.socks = []
        with In('rs'):
            for port in sorted(ports):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(('0.0.0.0', port))
                s.listen(1024)
                s.setblocking(False)
                self.sel.register(s, selectors.EVENT_READ, 'listen')
                self.socks.append(s)
        self.stop = False
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while not self.stop:
            for key, _ in self.sel.select(0.05):
                s = key.fileobj
                try:
                    if key.data == 'listen':
                        c, _ = s.accept()
                        c.setblocking(True)
                        addr, port = c.getsockname()
                        c.sendall(('%s:%d\n' % (addr, port)).encode())
                        c.setblocking(False)
                        self.socks.append(c)
                        self.sel.register(c, selectors.EVENT_READ, 'conn')
                    elif s.recv(64) == b'':
                        # The client's FIN: say so, and keep our side open (the entry stays in CLOSE_WAIT).
                        self.sel.unregister(s)
                        s.setblocking(True)
                        s.sendall(b'F\n')
                except OSError:
                    try:
                        self.sel.unregister(s)
                    except (KeyError, ValueError):
                        pass

    def close(self):
        self.stop = True
        self.thread.join()
        for s in self.socks:
            s.close()


def read_line(s):
    data = b''
    while not data.endswith(b'\n'):
        chunk = s.recv(64)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


def reset(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    s.close()


def setup(sc):
    connects = [e for e in sc['events'] if e['op'] == 'connect']
    all_dests = sc['dests'] + [e['dest'] for e in sc['events'] if e['op'] == 'add']
    vips = sorted({(e['daddr'], e['dport']) for e in connects}) or [('192.0.2.10', 80)]
    fwmark = len(vips) > 1
    run(['ip', '-batch', '-'], 'netns add cl\nnetns add dr\nnetns add rs\n'
        'link add veth-c netns cl type veth peer name veth-dc netns dr\n'
        'link add veth-r netns rs type veth peer name veth-dr netns dr\n')
    cmds = {'cl': [], 'dr': [], 'rs': []}
    for ns, dev, (mine, peer) in (('cl', 'veth-c', LINK_C), ('dr', 'veth-dc', LINK_C[::-1]), ('rs', 'veth-r', LINK_R), ('dr', 'veth-dr', LINK_R[::-1])):
        cmds[ns] += ['link set lo up', 'link set %s up' % dev, 'addr add %s/30 dev %s' % (mine, dev)]
    cmds['cl'].append('route add default via %s' % LINK_C[1])
    cmds['rs'].append('route add default via %s' % LINK_R[1])
    cmds['dr'].append('route add default via %s' % LINK_C[0])
    cmds['cl'] += ['addr add %s/32 dev veth-c' % a for a in sorted({e['saddr'] for e in connects})]
    for a in sorted({d['addr'] for d in all_dests}):
        cmds['rs'].append('addr add %s/32 dev veth-r' % a)
        cmds['dr'].append('route add %s/32 via %s' % (a, LINK_R[0]))
    cmds['dr'] += ['addr add %s/32 dev lo' % a for a in sorted({v[0] for v in vips})]
    for ns, lines in cmds.items():
        run(['ip', '-n', ns, '-batch', '-'], '\n'.join(lines) + '\n')
    with In('dr'):
        with open('/proc/sys/net/ipv4/ip_forward', 'w') as f:
            f.write('1')
        if fwmark:
            run(['iptables-legacy', '-t', 'mangle', '-A', 'PREROUTING', '-i', 'veth-dc', '-j', 'MARK', '--set-mark', '1'])
    svc = '-f 1' if fwmark else '-t %s:%d' % vips[0]
    flags = (' -b ' + ','.join(sc['flags'])) if sc.get('flags') else ''
    lines = ['-A %s -s %s%s' % (svc, sc['scheduler'], flags)]
    lines += ['-a %s -r %s:%d -m -w %d' % (svc, d['addr'], d['port'], d['weight']) for d in reversed(sc['dests'])]
    ipvsadm_restore(lines)
    return svc, {d['port'] for d in all_dests}


def ipvsadm_restore(lines):
    if lines:
        with In('dr'):
            run(['ipvsadm', '-R'], '\n'.join(lines) + '\n')


def conn_gone(clients):
    with In('dr'):
        table = run(['ipvsadm', '-Lnc'])
    return not any(('%s:%d' % c) in table for c in clients)


def replay(sc):
    servers = None
    try:
        svc, ports = setup(sc)
        servers = Servers(ports)
        return events(sc, svc, servers)
    finally:
        if servers:
            servers.close()
        for ns in ('cl', 'dr', 'rs'):
            subprocess.run(['ip', 'netns', 'del', ns], capture_output=True)


def events(sc, svc, servers):
    dests = [dict(d) for d in sc['dests']]  # the list in the kernel's order
    conns = []  # [socket or None, (saddr, sport)]
    picks = []
    pending = []  # ipvsadm lines not yet sent
    expiring = []
    half_closed = set()
    try:
        for n, e in enumerate(sc['events']):
            op = e['op']
            if op != 'expire' and expiring:
                deadline = time.time() + 20
                while not conn_gone(expiring):
                    if time.time() > deadline:
                        raise RuntimeError('events[%d]: reset connections did not expire within 20 s' % n)
                    time.sleep(0.2)
                expiring = []
            if op in ('connect', 'close', 'expire'):
                ipvsadm_restore(pending)
                pending = []
            if op == 'connect':
                with In('cl'):
                    s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.settimeout(3)
                try:
                    s.bind((e['saddr'], e['sport']))
                except OSError as err:
                    raise RuntimeError('events[%d]: cannot bind %s:%d (%s): each connection needs its own saddr:sport' % (n, e['saddr'], e['sport'], err))
                try:
                    s.connect((e['daddr'], e['dport']))
                    reached = read_line(s)
                    addr, port = reached.rsplit(':', 1)
                    idx = next((i for i, d in enumerate(dests) if d['addr'] == addr and d['port'] == int(port)), None)
                    if idx is None:
                        raise RuntimeError('events[%d]: reached %s, which is not in the list' % (n, reached))
                    picks.append(idx)
                    conns.append([s, (e['saddr'], e['sport']), dests[idx]])
                except ConnectionRefusedError:
                    s.close()
                    picks.append(None)
                    conns.append([None, None, None])
                except socket.timeout:
                    raise RuntimeError('events[%d]: connection from %s:%d timed out' % (n, e['saddr'], e['sport']))
            elif op == 'close':
                s, _, reached = conns[e['conn']]
                # A FIN to a removed server is dropped by IPVS (ip_vs_in, expire_nodest_conn 0), and the
                # client would resend it whenever its timer says: send none, as the engine counts none.
                if s is not None and e['conn'] not in half_closed and any((d['addr'], d['port']) == (reached['addr'], reached['port']) for d in dests):
                    s.shutdown(socket.SHUT_WR)
                    if read_line(s) != 'F':
                        raise RuntimeError('events[%d]: the server did not see the FIN' % n)
                    half_closed.add(e['conn'])
            elif op == 'expire':
                c = conns[e['conn']]
                if c[0] is not None:
                    reset(c[0])
                    expiring.append(c[1])
                    c[0] = None
            elif op in ('weight', 'threshold'):
                # ipvsadm -e sets every parameter of the destination: carry the ones the event leaves alone.
                d = dests[e['dest']]
                if op == 'weight':
                    d['weight'] = e['weight']
                else:
                    d['upper'], d['lower'] = e['upper'], e['lower']
                pending.append('-e %s -r %s:%d -m -w %d -x %d -y %d' % (svc, d['addr'], d['port'], d['weight'], d.get('upper', 0), d.get('lower', 0)))
            elif op == 'add':
                dests.insert(0, dict(e['dest']))
                pending.append('-a %s -r %s:%d -m -w %d' % (svc, e['dest']['addr'], e['dest']['port'], e['dest']['weight']))
            elif op == 'remove':
                d = dests.pop(e['dest'])
                pending.append('-d %s -r %s:%d' % (svc, d['addr'], d['port']))
            else:
                raise RuntimeError('events[%d]: op %r cannot be replayed on a real kernel (it sets IP_VS_DEST_F_OVERLOAD only from thresholds)' % (n, op))
        return {'picks': picks}
    finally:
        for c in conns:
            if c[0] is not None:
                reset(c[0])


def main():
    items = json.load(open(sys.argv[1]))
    out = {}
    for item in items:
        t = time.time()
        try:
            out[item['id']] = replay(item['scenario'])
        except Exception as err:  # one scenario's failure is reported, the others still run
            out[item['id']] = {'error': str(err)}
        out[item['id']]['ms'] = round((time.time() - t) * 1000)
    json.dump(out, open(sys.argv[2], 'w'))


main()
