/**
 * The same request through nginx as a reverse proxy (`proxy_pass http://backend;`). The client's TCP
 * handshake ends in the nginx host's kernel; the worker is woken by epoll, accepts, copies the request up,
 * parses it, opens a second TCP connection to the upstream (or takes one from the keepalive pool), copies a
 * new request down, and the response makes the same trip the other way.
 *
 * The system calls are the ones `strace -p <worker>` prints for nginx 1.22.1 (Debian 12, one worker, epoll,
 * `access_log off`) serving `curl http://host/` with `proxy_pass` to an upstream that answers 6 bytes:
 *
 *   fresh upstream connection (default proxy_http_version 1.0):
 *     epoll_wait accept4 epoll_ctl epoll_wait recvfrom epoll_ctl socket ioctl epoll_ctl connect epoll_wait
 *     getsockopt writev epoll_wait recvfrom readv close writev setsockopt
 *   upstream `keepalive` (proxy_http_version 1.1, Connection ""), connection already in the pool:
 *     epoll_wait accept4 epoll_ctl epoll_wait recvfrom epoll_ctl getsockopt writev epoll_wait recvfrom writev
 *     setsockopt
 *
 * The byte counts are that run's too: curl's 79-byte request becomes 85 bytes upstream (HTTP/1.0, `Host: backend`,
 * `Connection: close`; 66 bytes with keepalive), the upstream's 148-byte answer (153 with keepalive) goes to the
 * client as 153 bytes with nginx's own headers.
 */
import type { SideScript, Step, Syscall, Place } from './types';

export interface NginxOptions {
  /** The upstream connection comes from nginx's `keepalive` pool instead of a fresh connect(). */
  keepalive?: boolean;
}

export const NGINX_ADDR = {
  client: '203.0.113.7:40001',
  listen: '192.0.2.10:80',
  /** nginx's own address and port towards the upstream: the backend never sees the client's address. */
  local: '10.0.0.1:51000',
  upstream: '10.0.0.11:8080',
} as const;

const { client, listen, local, upstream } = NGINX_ADDR;
const kernel = (node: 'client' | 'middle' | 'backend'): Place => ({ node, layer: 'kernel' });
const user = (node: 'client' | 'middle' | 'backend'): Place => ({ node, layer: 'user' });
const sc = (name: string, call: string, copy?: Syscall['copy']): Syscall => (copy ? { name, call, copy } : { name, call });
const list = (calls: Syscall[]) => calls.map((c) => `${c.name}()`).join(', ');

export function nginxScript(opts: NginxOptions = {}): SideScript {
  const ka = opts.keepalive ?? false;
  const reqUp = ka ? 66 : 85;
  const respIn = ka ? 153 : 148;

  const connect: Step[] = [
    {
      actor: 'nginx-host', kind: 'tcp.syn', place: kernel('middle'), what: 'SYN', worker: 'asleep',
      packet: { src: client, dst: listen, changed: [] },
      conn: { id: 'c1', ends: ['client', 'middle'], state: 'opening', handshake: true, counted: true },
      text: {
        en: `The client's SYN to ${listen} reaches the nginx host's kernel and matches nginx's listening socket. The kernel starts the handshake itself; the nginx worker sleeps in epoll_wait().`,
        zh: `客户端发往 ${listen} 的 SYN 到达 nginx 主机的内核，命中 nginx 的监听套接字。握手由内核自己完成；nginx 的 worker 进程正睡在 epoll_wait() 里。`,
      },
    },
    {
      actor: 'nginx-host', kind: 'tcp.synack', place: kernel('client'), what: 'SYN-ACK',
      packet: { src: listen, dst: client, changed: [] },
      text: {
        en: 'The nginx host\'s kernel answers with a SYN-ACK, and the client answers with an ACK. Connection 1 ends at the nginx host, not at a backend.',
        zh: 'nginx 主机的内核回 SYN-ACK，客户端再回 ACK。第 1 条连接的终点是 nginx 主机，而不是后端。',
      },
    },
    {
      actor: 'nginx-host', kind: 'epoll.wake', place: kernel('middle'), what: 'ACK', worker: 'running', wakeup: true,
      packet: { src: client, dst: listen, changed: [] },
      conn: { id: 'c1', state: 'established' },
      calls: [sc('epoll_wait', 'epoll_wait(8, [{EPOLLIN, listen fd 4}], 512, -1) = 1')],
      text: {
        en: 'The ACK completes connection 1; the kernel puts it on the listening socket\'s accept queue, marks the socket readable, and epoll wakes the worker: epoll_wait() returns. First wakeup, first system call.',
        zh: 'ACK 让第 1 条连接建立完成；内核把它放进监听套接字的 accept 队列，标记套接字可读，epoll 唤醒 worker：epoll_wait() 返回。第一次唤醒，第一个系统调用。',
      },
    },
    {
      actor: 'nginx', kind: 'syscall', place: kernel('middle'), what: 'ACK', worker: 'asleep', packet: null,
      calls: [
        sc('accept4', 'accept4(4, …, SOCK_NONBLOCK) = 6'),
        sc('epoll_ctl', 'epoll_ctl(8, EPOLL_CTL_ADD, 6, {EPOLLIN|EPOLLRDHUP|EPOLLET})'),
      ],
      text: {
        en: 'The worker calls accept4() and gets file descriptor 6 for the client\'s connection, registers it with epoll_ctl(), and goes back to sleep in epoll_wait() until the request arrives.',
        zh: 'worker 调用 accept4()，得到客户端连接的文件描述符 6，用 epoll_ctl() 把它登记到 epoll，然后回到 epoll_wait() 里睡眠，等请求到来。',
      },
    },
  ];

  const fresh: Step[] = [
    {
      actor: 'nginx', kind: 'upstream.connect', place: kernel('backend'), what: 'SYN', worker: 'asleep',
      packet: { src: local, dst: upstream, changed: [] },
      held: { place: user('middle'), what: 'GET /' },
      conn: { id: 'c2', ends: ['middle', 'backend'], state: 'opening', handshake: true, counted: true },
      calls: [
        sc('socket', 'socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 11'),
        sc('ioctl', 'ioctl(11, FIONBIO, [1])'),
        sc('epoll_ctl', 'epoll_ctl(8, EPOLL_CTL_ADD, 11, {EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET})'),
        sc('connect', `connect(11, ${upstream}) = -1 EINPROGRESS`),
      ],
      text: {
        en: `No connection to the upstream yet: socket(), ioctl(FIONBIO), epoll_ctl() and a non-blocking connect() to ${upstream}. The kernel sends a SYN from nginx's own address ${local} — connection 2. The worker sleeps again; the request waits in its memory.`,
        zh: `还没有到上游的连接：socket()、ioctl(FIONBIO)、epoll_ctl()，再对 ${upstream} 发起非阻塞的 connect()。内核从 nginx 自己的地址 ${local} 发出 SYN——这是第 2 条连接。worker 再次睡眠，请求留在它的内存里等着。`,
      },
    },
    {
      actor: 'nginx-host', kind: 'epoll.wake', place: kernel('middle'), what: 'SYN-ACK', worker: 'running', wakeup: true,
      packet: { src: upstream, dst: local, changed: [] },
      conn: { id: 'c2', state: 'established' },
      calls: [sc('epoll_wait', 'epoll_wait(8, [{EPOLLOUT, fd 11}], 512, 60000) = 1')],
      text: {
        en: 'The upstream\'s SYN-ACK arrives; the nginx host\'s kernel sends the ACK, connection 2 is established, the socket becomes writable and epoll wakes the worker.',
        zh: '上游的 SYN-ACK 到达；nginx 主机的内核回 ACK，第 2 条连接建立，套接字变为可写，epoll 唤醒 worker。',
      },
    },
  ];
  const pooled: Step[] = [
    {
      actor: 'nginx', kind: 'upstream.pool', place: user('middle'), what: 'GET /',
      conn: { id: 'c2', ends: ['middle', 'backend'], state: 'established', counted: true },
      text: {
        en: `With upstream keepalive, nginx takes an idle connection to ${upstream} from its pool: no socket(), no connect(), no handshake. It is still a second TCP connection.`,
        zh: `开启上游 keepalive 后，nginx 从连接池里取出一条到 ${upstream} 的空闲连接：不用 socket()，不用 connect()，也没有握手。但它仍然是第二条 TCP 连接。`,
      },
    },
  ];

  const request: Step[] = [
    {
      actor: 'nginx-host', kind: 'epoll.wake', place: kernel('middle'), what: 'GET /', worker: 'running', wakeup: true,
      packet: { src: client, dst: listen, changed: [] },
      calls: [sc('epoll_wait', 'epoll_wait(8, [{EPOLLIN, fd 6}], 512, 60000) = 1')],
      text: {
        en: 'The client\'s GET / (79 bytes) arrives and waits in connection 1\'s receive buffer in the kernel. epoll wakes the worker again.',
        zh: '客户端的 GET /（79 字节）到达，先放在内核里第 1 条连接的接收缓冲区。epoll 再次唤醒 worker。',
      },
    },
    {
      actor: 'nginx', kind: 'copy.up', place: user('middle'), what: 'GET /', packet: null,
      calls: [sc('recvfrom', 'recvfrom(6, "GET / HTTP/1.1\\r\\nHost: …", 1024) = 79', { bytes: 79, dir: 'up' })],
      text: {
        en: 'recvfrom() copies the 79 bytes from the kernel\'s socket buffer into nginx\'s memory in user space — the first copy.',
        zh: 'recvfrom() 把这 79 字节从内核的套接字缓冲区拷贝到用户态 nginx 的内存里——第一次拷贝。',
      },
    },
    {
      actor: 'nginx', kind: 'http.parse', place: user('middle'), what: 'GET /',
      calls: [sc('epoll_ctl', 'epoll_ctl(8, EPOLL_CTL_MOD, 6, {EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET})')],
      text: {
        en: 'nginx parses the request line and headers — this is what layer 7 means: it reads Host and the URI, picks the location with proxy_pass, and the upstream\'s round robin picks a server. It also asks epoll to watch fd 6 for writing.',
        zh: 'nginx 解析请求行和请求头——这就是“七层”的含义：它读出 Host 和 URI，找到带 proxy_pass 的 location，再由 upstream 的轮询选出一台服务器。它还让 epoll 同时关注 fd 6 的可写事件。',
      },
    },
    ...(ka ? pooled : fresh),
    {
      actor: 'nginx', kind: 'copy.down', place: kernel('middle'), what: 'GET /', worker: 'asleep', held: null,
      packet: { src: local, dst: upstream, changed: [] },
      calls: [
        sc('getsockopt', 'getsockopt(11, SOL_SOCKET, SO_ERROR, [0])'),
        sc('writev', `writev(11, "GET / HTTP/1.${ka ? 1 : 0}\\r\\nHost: backend…", ${reqUp}) = ${reqUp}`, { bytes: reqUp, dir: 'down' }),
      ],
      text: {
        en: `getsockopt(SO_ERROR) checks the connection, and writev() copies a new request — ${ka ? 'HTTP/1.1 with the Connection header removed' : 'HTTP/1.0, Host: backend, Connection: close'}, ${reqUp} bytes — from user space back into the kernel: the second copy.`,
        zh: `getsockopt(SO_ERROR) 检查连接是否可用，writev() 把一个新构造的请求（${ka ? 'HTTP/1.1，去掉了 Connection 头' : 'HTTP/1.0，Host: backend，Connection: close'}，${reqUp} 字节）从用户态拷回内核：第二次拷贝。`,
      },
    },
    {
      actor: 'upstream', kind: 'packet.deliver', place: kernel('backend'), what: 'GET /',
      packet: { src: local, dst: upstream, changed: [] },
      text: {
        en: `The request reaches the upstream from ${local}: the backend sees nginx's address, not the client's (unless nginx adds X-Forwarded-For or uses the PROXY protocol).`,
        zh: `请求从 ${local} 到达上游：后端看到的是 nginx 的地址，而不是客户端的（除非 nginx 加上 X-Forwarded-For 或使用 PROXY 协议）。`,
      },
    },
    {
      actor: 'upstream', kind: 'app.read', place: user('backend'), what: 'GET /', packet: null,
      text: {
        en: 'The upstream\'s web server reads the request and prepares the answer — the same work RS1 does on the LVS side.',
        zh: '上游的 Web 服务器读取请求并准备响应——和 LVS 那边 RS1 做的事完全一样。',
      },
    },
  ];

  const response: Step[] = [
    {
      actor: 'nginx-host', kind: 'epoll.wake', place: kernel('middle'), what: '200 OK', worker: 'running', wakeup: true,
      packet: { src: upstream, dst: local, changed: [] },
      calls: [sc('epoll_wait', 'epoll_wait(8, [{EPOLLIN, fd 11}], 512, 60000) = 1')],
      text: {
        en: `The upstream answers 200 OK (${respIn} bytes) on connection 2. It lands in the nginx host's kernel and epoll wakes the worker.`,
        zh: `上游在第 2 条连接上回 200 OK（${respIn} 字节）。它落在 nginx 主机的内核里，epoll 唤醒 worker。`,
      },
    },
    {
      actor: 'nginx', kind: 'copy.up', place: user('middle'), what: '200 OK', packet: null,
      calls: [sc('recvfrom', `recvfrom(11, "HTTP/1.1 200 OK\\r\\n…", 4096) = ${respIn}`, { bytes: respIn, dir: 'up' })],
      text: {
        en: `recvfrom() copies the ${respIn}-byte response up into user space — the third copy — and nginx parses the status line and headers.`,
        zh: `recvfrom() 把 ${respIn} 字节的响应拷贝到用户态——第三次拷贝——nginx 解析状态行和响应头。`,
      },
    },
    ka
      ? {
        actor: 'nginx', kind: 'upstream.release', place: user('middle'), what: '200 OK',
        conn: { id: 'c2', state: 'pooled' },
        text: {
          en: 'The response is complete, so connection 2 goes back to the keepalive pool for the next request.',
          zh: '响应已经完整，第 2 条连接回到 keepalive 连接池，留给下一个请求。',
        },
      }
      : {
        actor: 'nginx', kind: 'upstream.close', place: user('middle'), what: '200 OK',
        conn: { id: 'c2', state: 'closed' },
        calls: [sc('readv', 'readv(11, …) = 0'), sc('close', 'close(11)')],
        text: {
          en: 'readv() returns 0: the upstream closed connection 2, as HTTP/1.0 asks. close() releases it — the next request will need a new handshake.',
          zh: 'readv() 返回 0：上游按 HTTP/1.0 的约定关闭了第 2 条连接。close() 释放它——下一个请求还得重新握手。',
        },
      },
    {
      actor: 'nginx', kind: 'copy.down', place: kernel('middle'), what: '200 OK', worker: 'asleep',
      packet: { src: listen, dst: client, changed: [] },
      calls: [
        sc('writev', 'writev(6, "HTTP/1.1 200 OK\\r\\nServer: nginx…", 153) = 153', { bytes: 153, dir: 'down' }),
        sc('setsockopt', 'setsockopt(6, SOL_TCP, TCP_NODELAY, [1])'),
      ],
      text: {
        en: 'writev() copies the response, with nginx\'s own headers (153 bytes), back down into connection 1 — the fourth copy. setsockopt(TCP_NODELAY) readies the client\'s connection for keep-alive, and the worker sleeps again.',
        zh: 'writev() 把带着 nginx 自己响应头的响应（153 字节）拷回内核，写进第 1 条连接——第四次拷贝。setsockopt(TCP_NODELAY) 为客户端连接的 keep-alive 做准备，worker 再次睡去。',
      },
    },
  ];
  const calls = [...connect, ...request, ...response].flatMap((s) => s.calls ?? []);
  const wakeups = [...connect, ...request, ...response].filter((s) => s.wakeup).length;
  const copies = calls.filter((c) => c.copy).length;
  response.push({
    actor: 'client', kind: 'packet.deliver', place: kernel('client'), what: '200 OK',
    packet: { src: listen, dst: client, changed: [] },
    text: {
      en: `The response reaches the client. For this one request the nginx host made ${calls.length} system calls (${list(calls)}), was woken ${wakeups} times, copied the payload ${copies} times and used 2 TCP connections.`,
      zh: `响应到达客户端。为了这一个请求，nginx 主机发起了 ${calls.length} 个系统调用（${list(calls)}），被唤醒 ${wakeups} 次，负载被拷贝了 ${copies} 次，并且用了 2 条 TCP 连接。`,
    },
  });
  return {
    side: 'nginx',
    phases: [connect, request, response],
    idle: [
      { en: 'nginx host: the worker sleeps in epoll_wait() until the request arrives.', zh: 'nginx 主机：worker 睡在 epoll_wait() 里，等请求到来。' },
      { en: 'nginx host: the upstream has the request; the worker sleeps in epoll_wait().', zh: 'nginx 主机：请求已经在上游手里；worker 睡在 epoll_wait() 里。' },
      { en: 'nginx host: done — the response has reached the client.', zh: 'nginx 主机：完成——响应已经送到客户端。' },
    ],
  };
}
