"""
One TCP exchange as the packet engine draws it: the client connects from a fixed address and port,
sends a 120-byte request, and reads a 600-byte response; the real server answers in one write as
soon as the request is in, so its ACK rides on the response (as in the engine's five segments).

usage: tcp-exchange.py server PORT READY_FILE [REQUEST_BYTES] | tcp-exchange.py client SADDR SPORT DADDR DPORT OUT_FILE [REQUEST_BYTES]
"""
import socket, sys, time

RESPONSE = 600


def read_exactly(sock, n):
    got = b''
    while len(got) < n:
        chunk = sock.recv(n - len(got))
        if not chunk:
            break
        got += chunk
    return got


def server(port, ready, REQUEST):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('0.0.0.0', port))
    s.listen(16)
    open(ready, 'w').write('ready\n')
    while True:
        c, _ = s.accept()
        # Leave quick-ack mode so the request's ACK rides on the response, as in the engine's five
        # segments (a new connection otherwise ACKs at once: tcp_input.c, quick ack mode).
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)
        read_exactly(c, REQUEST)
        c.sendall(b'r' * RESPONSE)
        c.recv(1)  # wait for the client's close, then close ours
        c.close()


def client(saddr, sport, daddr, dport, out, REQUEST):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((saddr, sport))
    s.settimeout(4)
    try:
        s.connect((daddr, dport))
        time.sleep(0.1)  # let the server take the connection (and leave quick-ack mode) first
        s.sendall(b'q' * REQUEST)
        got = read_exactly(s, RESPONSE)
        result = 'delivered %d' % len(got)
        time.sleep(0.3)
    except OSError as err:
        result = "failed %s" % (err.strerror or err.__class__.__name__)
    s.close()
    open(out, 'w').write(result + '\n')


if sys.argv[1] == 'server':
    server(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 120)
else:
    client(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6], int(sys.argv[7]) if len(sys.argv) > 7 else 120)
