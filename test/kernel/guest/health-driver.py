"""
keepalived's health checkers against real servers that really stop and start, inside the guest.

  dr (the director: keepalived, IPVS, eth0 10.0.0.1/24)  ── veth ──  rs (every real server address)

The real servers are listening sockets in rs; "refuse" closes one (connections are refused, as when
the service stops), "recover" opens it again. Time 0 is the moment keepalived's table first appears
in IPVS; the events run at their times after it, and ipvsadm -Ln is read every 50 ms until the end.
Writes {"changes": [{"t", "server", "from", "to"}]} with each server's state as "absent" or "weight N".

usage: health-driver.py CONF SETUP.json OUT.json   (SETUP: {"servers": [{"addr", "port"}], "events": [...], "until": s})
"""
import ctypes, json, os, socket, subprocess, sys, threading, time

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000


def setns(name):
    fd = os.open('/run/netns/' + name, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns')
    os.close(fd)


def sh(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError('%s: %s' % (' '.join(cmd), p.stderr))
    return p.stdout


conf, setup_file, out_file = sys.argv[1:4]
setup = json.load(open(setup_file))
servers = setup['servers']
sh(['ip', '-batch', '-'], 'netns add dr\nnetns add rs\nlink add eth0 netns dr type veth peer name eth0 netns rs\n')
sh(['ip', '-n', 'dr', '-batch', '-'], 'link set lo up\nlink set eth0 up\naddr add 10.0.0.1/24 dev eth0\naddr add 192.0.2.10/32 dev lo\n')
sh(['ip', '-n', 'rs', '-batch', '-'], 'link set lo up\nlink set eth0 up\n' + ''.join('addr add %s/24 dev eth0\n' % s['addr'] for s in servers) + 'route add default via 10.0.0.1\n')
home = os.open('/proc/self/ns/net', os.O_RDONLY)

listeners = {}


def listen(i):
    s = servers[i]
    setns('rs')
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((s['addr'], s['port']))
    sock.listen(64)
    libc.setns(home, CLONE_NEWNET)
    listeners[i] = sock
    threading.Thread(target=accept_loop, args=(sock,), daemon=True).start()


def accept_loop(sock):
    while True:
        try:
            c, _ = sock.accept()
            c.close()
        except OSError:
            return


for i in range(len(servers)):
    listen(i)

work = os.environ['TMPDIR']
if os.environ.get('HEALTH_PCAP'):
    subprocess.Popen(['ip', 'netns', 'exec', 'rs', 'tcpdump', '-i', 'eth0', '-nn', '-tt', '-l', 'tcp[tcpflags] & tcp-syn != 0 and tcp[tcpflags] & tcp-ack == 0'], stdout=open(os.environ['HEALTH_PCAP'], 'w'), stderr=subprocess.DEVNULL)
    time.sleep(1)
ka = subprocess.Popen(['ip', 'netns', 'exec', 'dr', 'keepalived', '-n', '-l', '-D', '-f', conf, '-p', work + '/h.pid', '-c', work + '/h-c.pid', '-r', work + '/h-r.pid'],
                      stdout=open(work + '/ka.log', 'w'), stderr=subprocess.STDOUT)


def table():
    """Each real server's state in IPVS: 'weight N' (absent servers are not listed)."""
    state = {}
    for line in subprocess.run(['ip', 'netns', 'exec', 'dr', 'ipvsadm', '-Ln'], capture_output=True, text=True).stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == '->' and parts[1][0].isdigit():
            state[parts[1]] = 'weight ' + parts[3]
    return state


changes = []
deadline = time.monotonic() + 20
state = {}
while not state:
    if time.monotonic() > deadline:
        raise SystemExit('keepalived built no table within 20 s')
    time.sleep(0.02)
    state = table()
t0 = time.monotonic()
for k, v in state.items():
    changes.append({'t': 0, 'server': k, 'from': 'absent', 'to': v})

pending = sorted(setup['events'], key=lambda e: e['at'])
while True:
    now = time.monotonic() - t0
    while pending and pending[0]['at'] <= now:
        e = pending.pop(0)
        if e['action'] == 'refuse':
            # shutdown first: a close alone leaves the socket listening while accept() holds it.
            sock = listeners.pop(e['server'])
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        elif e['action'] == 'recover':
            listen(e['server'])
    if now > setup['until']:
        break
    t = time.monotonic() - t0
    new = table()
    for k in sorted(set(state) | set(new)):
        if state.get(k, 'absent') != new.get(k, 'absent'):
            changes.append({'t': round(t, 3), 'server': k, 'from': state.get(k, 'absent'), 'to': new.get(k, 'absent')})
    state = new
    time.sleep(0.05)

ka.terminate()
ka.wait()
for name in ('dr', 'rs'):
    subprocess.run(['ip', 'netns', 'del', name], capture_output=True)
json.dump({'changes': changes}, open(out_file, 'w'))
