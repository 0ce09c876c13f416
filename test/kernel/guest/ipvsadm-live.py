"""
One director that lives across commands: the console's "real kernel" switch (src/components/console)
sends each line the reader types here, in the browser's kernel (scripts/kernel-image), and the test
suite does the same (test/kernel/browser-kernel.test.ts). The network and the way each command runs
are ipvsadm-scripts.py's (the conformance runner's), built as the lines name addresses instead of
all at once: a VIP joins the director's lo (and every real server's, for DR) when a line first names
it, a real server gets its namespace and an HTTP server on the ports named so far, and a port named
later gets an HTTP server of its own. A server process holds the network and the clients' open
connections between lines; the first line starts it.

usage: python3 ipvsadm-live.py LINES.json   [{"line": …, "stdin": …}, …] → prints "LIVE " + [{"out", "status"}, …]
       python3 ipvsadm-live.py reset        tears the director down (the next line builds a fresh one)
"""
import importlib.util, json, os, re, socket, subprocess, sys, time

GUEST = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('ipvsadm_scripts', os.path.join(GUEST, 'ipvsadm-scripts.py'))
S = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(S)
SOCK = '/run/ipvsadm-live.sock'
HOME_NS = os.open('/proc/self/ns/net', os.O_RDONLY)
N = 90  # the network's number: br90, d90, c90, r90-K


class Director:
    def __init__(self):
        self.d, self.c = S.make_network(N)
        self.vips, self.vports = set(), set()
        self.servers = {}  # rip -> [namespace, ports served, [processes]]
        self.clients = S.Clients()
        self.started = time.monotonic()

    def ensure(self, text):
        vips, rips, vports = S.addresses(text)
        for v in sorted(vips - self.vips):
            S.add_vip(self.d, v, [s[0] for s in self.servers.values()])
            self.vips.add(v)
        self.vports |= set(vports)
        for rip, ports in sorted(rips.items()):
            if rip not in self.servers:
                r = S.add_server(N, len(self.servers), self.d, rip, self.vips)
                self.servers[rip] = [r, set(), []]
            r, served, procs = self.servers[rip]
            want = (self.vports | {p for p in ports if p}) - served
            if want:
                procs.append(S.serve_http(r, rip, sorted(want)))
                served |= want
                listening(r, want)


    def run(self, line, stdin):
        self.ensure(line)
        word = (line.split() or [''])[0]
        if word in ('connect', 'disconnect'):
            # Sockets are made in the clients' namespace (and stay there); the network is built from
            # the first one, so this process goes back at once.
            S.setns_to(self.c)
            try:
                if word == 'connect':
                    opened, refused, how = self.clients.connect(line.split()[1:])
                    return S.traffic_words(opened, refused, how).encode(), 0
                closed = self.clients.disconnect()
                return ('closed %d connection%s\n' % (closed, '' if closed == 1 else 's')).encode(), 0
            finally:
                if S.libc.setns(HOME_NS, S.CLONE_NEWNET) != 0:
                    raise OSError('setns back to the first namespace failed')
        ns = self.c if word == 'curl' else self.d
        # A here-document's body comes as stdin (as ipvsadm-scripts.py runs it): the command is the line before <<.
        here = re.search(r"<<\s*'?(\w+)'?\s*$", line)
        cmd = line[:here.start()].rstrip() if here else line
        r = subprocess.run(['ip', 'netns', 'exec', ns, 'sh', '-c', cmd], input=stdin.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=3600)
        return r.stdout + r.stderr, r.returncode

    def close(self):
        for _, _, procs in self.servers.values():
            for p in procs:
                p.kill()
        for ns in [self.d, self.c] + [s[0] for s in self.servers.values()]:
            # The bridge's end of each veth first: deleting it takes its peer at once, while a deleted
            # namespace's devices go later (the kernel cleans namespaces up in the background).
            subprocess.run(['ip', 'link', 'del', '%s-eth0' % ns], capture_output=True)
            subprocess.run(['ip', 'netns', 'del', ns], capture_output=True)
        subprocess.run(['ip', 'link', 'del', 'br%d' % N], capture_output=True)


def listening(ns, ports, limit=30):
    """Waits until the namespace has a listener on every port (Python starts slowly in an emulator)."""
    want = {'%04X' % p for p in ports}
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        table = subprocess.run(['ip', 'netns', 'exec', ns, 'cat', '/proc/net/tcp'], capture_output=True, text=True).stdout
        up = {f[1].split(':')[1] for f in (l.split() for l in table.splitlines()[1:]) if len(f) > 3 and f[3] == '0A'}
        if want <= up:
            return
        time.sleep(0.1)
    raise RuntimeError('the real server in %s is not listening on %s after %d s' % (ns, sorted(ports), limit))


def serve():
    if os.path.exists(SOCK):
        os.unlink(SOCK)
    srv = socket.socket(socket.AF_UNIX)
    srv.bind(SOCK)
    srv.listen(1)
    try:
        director = Director()
    except Exception as err:  # said to the line that asked, instead of a closed socket
        director, broken = None, 'ipvsadm-live: the director could not be built: %s\n' % err
    while True:
        conn, _ = srv.accept()
        data = b''
        while not data.endswith(b'\n'):
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        req = json.loads(data)
        if req == 'reset':
            if director:
                director.close()
            conn.sendall(b'"reset"\n')
            conn.close()
            srv.close()
            os.unlink(SOCK)
            return
        if director is None:
            conn.sendall((json.dumps([{'out': broken, 'status': 1} for _ in req]) + '\n').encode())
            conn.close()
            srv.close()
            os.unlink(SOCK)
            return
        results = []
        for item in req:
            try:
                out, status = director.run(item['line'], item.get('stdin', ''))
            except Exception as err:  # the reader sees why, and the director stays
                out, status = ('ipvsadm-live: %s\n' % err).encode(), 1
            results.append({'out': out.decode('utf-8', 'replace'), 'status': status})
        conn.sendall((json.dumps(results) + '\n').encode())
        conn.close()


def ask(req, start=True):
    for _ in range(200):
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(SOCK)
        except OSError:
            s.close()
            if not start:
                return None
            if _ == 0:
                log = open('/tmp/ipvsadm-live.log', 'ab')
                subprocess.Popen([sys.executable, os.path.abspath(__file__), 'serve'], stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
            time.sleep(0.1)
            continue
        s.sendall((json.dumps(req) + '\n').encode())
        data = b''
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return json.loads(data)
    raise SystemExit('ipvsadm-live: the director did not start (see /tmp/ipvsadm-live.log)')


if __name__ == '__main__':
    if sys.argv[1] == 'serve':
        serve()
    elif sys.argv[1] == 'reset':
        ask('reset', start=False)
    else:
        print('LIVE ' + json.dumps(ask(json.load(open(sys.argv[1])))))
