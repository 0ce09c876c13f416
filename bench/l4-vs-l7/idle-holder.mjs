// Runs inside the client namespace: opens N long-lived HTTP/1.1 keep-alive connections to the
// service, sends one request on each (so an L7 proxy has really served the connection, not just
// accepted it), then keeps them idle until told to probe or close.
//
// Usage: node idle-holder.mjs HOST PORT COUNT
// stdout, one JSON object per line:
//   {"phase":"open","requested","connected","answered","failed"}     after the first request
//   {"phase":"probe","open","answered"}                                after "probe" on stdin
// stdin: "probe" sends a second request on every open socket; "close" (or EOF) ends.
import net from 'node:net';
import readline from 'node:readline';

const [host, portArg, countArg] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg);
if (!host || !port || !count) {
  console.error('usage: node idle-holder.mjs HOST PORT COUNT');
  process.exit(2);
}

const REQUEST = `GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: l4l7-idle\r\n\r\n`;
const TIMEOUT_MS = 10_000;

/** Per-socket state: whether it is still open, and the pending response reader. */
const conns = [];

function openOne() {
  return new Promise((resolve) => {
    const c = { sock: net.connect({ host, port }), open: false, buf: '', waiter: null };
    c.sock.setNoDelay(true);
    // A dropped SYN would otherwise be retried for about two minutes.
    const connectTimer = setTimeout(() => c.sock.destroy(), TIMEOUT_MS);
    c.sock.on('connect', () => {
      clearTimeout(connectTimer);
      c.open = true;
      resolve(c);
    });
    c.sock.on('data', (d) => {
      c.buf += d.toString('latin1');
      checkResponse(c);
    });
    // An error or close before connect resolves as not connected; afterwards it marks the socket closed.
    const down = () => {
      c.open = false;
      c.waiter?.(false);
      resolve(c);
    };
    c.sock.on('error', down);
    c.sock.on('close', down);
  });
}

/** Resolves the waiter once a complete response (headers + Content-Length body) is buffered. */
function checkResponse(c) {
  const end = c.buf.indexOf('\r\n\r\n');
  if (end < 0 || !c.waiter) return;
  const len = Number(c.buf.slice(0, end).match(/content-length:\s*(\d+)/i)?.[1] ?? 0);
  if (c.buf.length < end + 4 + len) return;
  const ok = /^HTTP\/1\.1 200 /.test(c.buf);
  c.buf = c.buf.slice(end + 4 + len);
  const w = c.waiter;
  c.waiter = null;
  w(ok);
}

/** One request/response on a connection; false on error, close or timeout. */
function request(c) {
  if (!c.open) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), TIMEOUT_MS);
    function finish(ok) {
      clearTimeout(timer);
      c.waiter = null;
      resolve(ok);
    }
    c.waiter = finish;
    c.sock.write(REQUEST);
  });
}

async function requestAll() {
  const results = await Promise.all(conns.map(request));
  return results.filter(Boolean).length;
}

const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

conns.push(...(await Promise.all(Array.from({ length: count }, openOne))));
const connected = conns.filter((c) => c.open).length;
const answered = await requestAll();
say({ phase: 'open', requested: count, connected, answered, failed: count - connected });

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  if (line.trim() === 'probe') {
    const open = conns.filter((c) => c.open).length;
    say({ phase: 'probe', open, answered: await requestAll() });
  } else if (line.trim() === 'close') {
    finish();
  }
});
rl.on('close', finish);

function finish() {
  for (const c of conns) c.sock.destroy();
  process.exit(0);
}
