/**
 * Client traffic and the clock for the simulated director, in the network the conformance suite
 * builds around a real one (test/kernel/guest/ipvsadm-scripts.py): clients 203.0.113.1 … .20 behind
 * the director, each real server answering HTTP with "Hello from ADDR:PORT" and closing (HTTP/1.0).
 *
 *   curl [-s] [-S] [--local-port P[-Q]] [http://]VIP[:PORT][/PATH]   one request from 203.0.113.1
 *   connect [-n N] [-c M] [--hold|--close|--reset] VIP:PORT           N connections from M clients
 *   disconnect                                                        close every held connection
 *   sleep SECONDS                                                     let time pass
 *
 * Each exchange is the segments a Linux client and server send, as the director sees them (sizes are
 * IP lengths with the TCP timestamp option Linux sends: 20 + 32 bytes of headers, 20 + 40 on a SYN).
 * The real servers of the conformance network are written so that the segments are always these (see
 * test/kernel/guest/http-hello.py).
 */
import type { Director } from './director';
import type { Conn, Packet } from './conns';
import type { Result } from './run';

const CLIENTS = 20;
const CLIENT_NET = '203.0.113';
const HEAD = 52;
const SYN = 60;
const CURL_AGENT = 'curl/7.88.1';

const pkt = (dir: Packet['dir'], flag: Packet['flag'], bytes: number): Packet => ({ dir, flag, bytes });
const HANDSHAKE = [pkt('input', 'syn', SYN), pkt('output', 'syn', SYN), pkt('input', 'ack', HEAD)];
/** The client closes first: its FIN, the server's ACK (delayed, alone), the server's FIN, the client's last ACK. */
const CLIENT_CLOSE = [pkt('input', 'fin', HEAD), pkt('output', 'ack', HEAD), pkt('output', 'fin', HEAD), pkt('input', 'ack', HEAD)];
const RESET = [pkt('input', 'rst', 40)];

/** The connections `connect` holds open, per director. */
const held = new WeakMap<Director, Conn[]>();

function exchange(dir: Director, c: Conn, packets: readonly Packet[]): void {
  for (const p of packets) dir.conns.packet(c, p);
  // A real exchange takes a moment: entries listed right after show a second less than their timeout.
  dir.advance(1);
}

const fail = (stderr: string, exit: number): Result => ({ stdout: '', stderr, exit });
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function curl(dir: Director, argv: readonly string[]): Result {
  let silent = false;
  let showError = false;
  let port: number | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--local-port') {
      const v = argv[++i];
      const m = v === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(v);
      if (!m || Number(m[1]) > 65535) return fail(v === undefined ? 'curl: option --local-port: requires parameter\ncurl: try \'curl --help\' or \'curl --manual\' for more information\n' : 'curl: option --local-port: expected a proper numerical parameter\ncurl: try \'curl --help\' or \'curl --manual\' for more information\n', 2);
      port = Number(m[1]);
    } else if (/^-[sS]+$/.test(a)) {
      silent ||= a.includes('s');
      showError ||= a.includes('S');
    } else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a.startsWith('-')) return fail(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`, 2);
    else url = a;
  }
  if (!url) return fail("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const m = /^(?:(\w+):\/\/)?([^/:]+)(?::(\d*))?(\/.*)?$/.exec(url);
  const scheme = (m?.[1] ?? 'http').toLowerCase();
  if (!m || (scheme !== 'http' && scheme !== 'https') || !IPV4.test(m[2]!)) {
    if (m && scheme !== 'http' && scheme !== 'https') return fail(`curl: (1) Protocol "${m[1]}" not supported or disabled in libcurl\n`, 1);
    return fail(`curl: (6) Could not resolve host: ${m?.[2] ?? url}\n`, 6);
  }
  const host = m[2]!;
  const vport = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] ?? '/';
  const sport = port ?? dir.nextClientPort.curl++;
  const client = `${CLIENT_NET}.1`;
  const svc = dir.serviceFor(host, vport);
  // A port still in the table (curl --local-port again): the old entry may carry the new connection.
  const old = dir.conns.find(client, sport, host, vport);
  const conn = (old && dir.conns.reuse(old)) || (svc ? dir.conns.open(svc, client, sport) : null);
  if (conn && !conn.dest.sd.available) {
    // Its server left the service and expire_nodest_conn is 0: the director drops every SYN. The
    // client gives up after its retries (tcp_syn_retries 6: 127 s). Worked out from the kernel source,
    // not compared with a real run.
    dir.advance(127_000);
    return fail(silent && !showError ? '' : `curl: (28) Failed to connect to ${host} port ${vport} after 127000 ms: Couldn't connect to server\n`, 28);
  }
  if (!conn) {
    dir.advance(1);
    // curl's own words for a refused connection (the director answers an unschedulable SYN with ICMP port unreachable).
    return fail(silent && !showError ? '' : `curl: (7) Failed to connect to ${host} port ${vport} after 0 ms: Couldn't connect to server\n`, 7);
  }
  const request = `GET ${path} HTTP/1.1\r\nHost: ${host}${vport === 80 ? '' : `:${vport}`}\r\nUser-Agent: ${CURL_AGENT}\r\nAccept: */*\r\n\r\n`;
  if (scheme === 'https') {
    exchange(dir, conn, [...HANDSHAKE, ...CLIENT_CLOSE]);
    return fail(silent && !showError ? '' : `curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number\n`, 35);
  }
  const body = `Hello from ${conn.dest.addr}:${conn.dest.port}\n`;
  const response = `HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  exchange(dir, conn, [
    // The request; the server's ACK (a new connection ACKs at once: quick-ack mode); its answer with
    // its FIN (HTTP/1.0 closes); the client's FIN, which carries the ACK of both (a FIN puts the client's
    // ACK on its delayed timer, and curl closes first); the server's last ACK.
    ...HANDSHAKE, pkt('input', 'ack', HEAD + request.length), pkt('output', 'ack', HEAD),
    pkt('output', 'fin', HEAD + response.length), pkt('input', 'fin', HEAD), pkt('output', 'ack', HEAD),
  ]);
  return { stdout: body, stderr: '', exit: 0 };
}

const usage = (why: string): Result => fail(`connect: ${why}\nusage: connect [-n N] [-c M] [--hold|--close|--reset] VIP:PORT\n`, 2);

export function connect(dir: Director, argv: readonly string[]): Result {
  let n = 1;
  let m = 1;
  let how = 'hold' as 'hold' | 'close' | 'reset';
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-n' || a === '-c') {
      const v = argv[++i];
      const max = a === '-n' ? 1000 : CLIENTS;
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) return usage(`${a} takes a whole number from 1 to ${max}`);
      if (a === '-n') n = Number(v);
      else m = Number(v);
    } else if (a === '--hold' || a === '--close' || a === '--reset') how = a.slice(2) as 'hold' | 'close' | 'reset';
    else if (a.startsWith('-')) return usage(`unknown option ${a}`);
    else if (target) return usage('one VIP:PORT only');
    else target = a;
  }
  const t = target ? /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(target) : null;
  if (!t || !IPV4.test(t[1]!) || Number(t[2]) > 65535) return usage(target ? `${target} is not VIP:PORT` : 'no VIP:PORT given');
  const svc = dir.serviceFor(t[1]!, Number(t[2]));
  let opened = 0;
  let refused = 0;
  const list = held.get(dir) ?? [];
  const made: Conn[] = [];
  for (let j = 0; j < n; j++) {
    const client = `${CLIENT_NET}.${(j % m) + 1}`;
    const sport = dir.nextClientPort.connect++;
    const conn = svc ? dir.conns.open(svc, client, sport) : null;
    if (!conn) {
      refused++;
      continue;
    }
    opened++;
    exchange(dir, conn, HANDSHAKE);
    made.push(conn);
  }
  // All opened first, then all closed or reset.
  if (how === 'hold') list.push(...made);
  else for (const c of made) exchange(dir, c, how === 'close' ? CLIENT_CLOSE : RESET);
  held.set(dir, list);
  let out = `opened ${opened} connection${opened === 1 ? '' : 's'}`;
  if (how !== 'hold' && opened) out += how === 'close' ? ', closed them' : ', reset them';
  if (refused) out += `; ${refused} refused`;
  return { stdout: `${out}\n`, stderr: '', exit: 0 };
}

export function disconnect(dir: Director): Result {
  const list = held.get(dir) ?? [];
  held.set(dir, []);
  for (const c of list) {
    if (dir.conns.entries.has(c)) {
      exchange(dir, c, CLIENT_CLOSE);
      continue;
    }
    // The entry is gone (its timeout ran out while the connection was idle). IPVS schedules only a
    // SYN — unless sloppy_tcp, which schedules the FIN like one (tcp_conn_schedule); without it the FIN
    // meets the director's own stack, which resets the connection, and IPVS counts nothing.
    const svc = dir.sysctl.get('sloppy_tcp') !== '0' ? dir.serviceFor(c.vaddr, c.vport) : undefined;
    const again = svc ? dir.conns.open(svc, c.client, c.cport) : null;
    if (!again) continue;
    // The same real server still has the connection and closes it; another answers with a reset.
    const same = again.dest.addr === c.dest.addr && again.dest.port === c.dest.port;
    exchange(dir, again, same ? CLIENT_CLOSE : [pkt('input', 'fin', HEAD), pkt('output', 'rst', 40)]);
  }
  return { stdout: `closed ${list.length} connection${list.length === 1 ? '' : 's'}\n`, stderr: '', exit: 0 };
}

/** coreutils sleep: seconds, with a fraction and an s/m/h/d suffix. */
export function sleep(dir: Director, argv: readonly string[]): Result {
  if (!argv.length) return fail("sleep: missing operand\nTry 'sleep --help' for more information.\n", 1);
  let ms = 0;
  for (const a of argv) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`, 1);
    ms += Number(m[1]) * 1000 * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  // The console's clock stops at a year: time enough for every timer IPVS has.
  dir.advance(Math.min(Math.round(ms), 365 * 86400_000));
  return { stdout: '', stderr: '', exit: 0 };
}
