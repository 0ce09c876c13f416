# A real server for the console's network (ipvsadm-scripts.py): listens on each PORT and answers an
# HTTP request with "Hello from ADDR:PORT" (HTTP/1.0: the server closes with its answer). A
# connection that sends nothing is held until the client closes it, then closed back half a second
# later: long enough that the kernel has sent the ACK of the client's FIN on its own (delayed ACK waits
# at most 200 ms), so every close is the same four segments, as src/sim/ipvsadm/traffic.ts counts them.
# usage: http-hello.py ADDR PORT...
import selectors, socket, sys, time

addr, ports = sys.argv[1], [int(p) for p in sys.argv[2:]]
sel = selectors.DefaultSelector()
for p in ports:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('0.0.0.0', p))
    s.listen(1024)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, ('listen', p))
closing = []
while True:
    now = time.monotonic()
    for at, c in [x for x in closing if x[0] <= now]:
        closing.remove((at, c))
        c.close()
    for key, _ in sel.select(0.05 if closing else None):
        kind, data = key.data
        s = key.fileobj
        if kind == 'listen':
            c, _ = s.accept()
            c.setblocking(False)
            sel.register(c, selectors.EVENT_READ, ('conn', [data, b'']))
            continue
        try:
            chunk = s.recv(4096)
        except OSError:
            chunk = b''
        if chunk:
            data[1] += chunk
            if b'\r\n\r\n' not in data[1]:
                continue
            body = ('Hello from %s:%d\n' % (addr, data[0])).encode()
            s.setblocking(True)
            # The answer and the FIN in one segment (corked, then shut): the server always closes first, so
            # the client's port is free again as soon as the server's last ACK is in, and the director sees
            # the segments the simulation counts.
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
            s.sendall(b'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n' % len(body) + body)
            s.shutdown(socket.SHUT_WR)
            sel.unregister(s)
            s.close()
            continue
        sel.unregister(s)
        closing.append((time.monotonic() + 0.5, s))
