// Side-effecting helpers: running commands, namespaces, nginx processes, /proc sampling, cleanup.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parsePidStatCpu, parseProcStat, parseVmRssKb } from './parse.mjs';
import { isLeftOver } from '../../../scripts/run-id.mjs';

/** Every namespace and temp dir of a run: l4l7-<run id>-… (scripts/run-id.mjs). */
export const NS_PREFIX = 'l4l7-';

/** Runs a short command synchronously and returns stdout; the error carries stderr. */
export function sh(cmd, args, { input, allowFail = false } = {}) {
  try {
    // maxBuffer: /proc/net/nf_conntrack can hold 100k+ TIME_WAIT entries after a Connection: close pass.
    return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 512 << 20 });
  } catch (err) {
    if (allowFail) return null;
    const stderr = err.stderr ? String(err.stderr).trim() : '';
    throw new Error(`${cmd} ${args.join(' ')} failed: ${stderr || err.message}`);
  }
}

/** Runs a command to completion asynchronously (long runs such as wrk must not block signal handlers). */
export function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.trim() || stdout.trim()}`));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Blocking sleep, only for the synchronous cleanup that runs from process 'exit'. */
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Finds an executable in PATH or the sbin directories sudo may leave out. */
export function which(name) {
  const dirs = [...(process.env.PATH || '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const d of dirs) {
    const p = path.join(d || '.', name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

// ---- processes -------------------------------------------------------------------------

/** True while the pid exists and is not a zombie (a zombie has already released everything). */
export function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A process and its direct children (nginx: master + workers). */
export function processTree(pid) {
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return [pid, ...(kids ? kids.split(/\s+/).map(Number) : [])];
  } catch {
    return [];
  }
}

/** utime+stime in jiffies summed over pids; processes that vanished count as 0. */
export function cpuJiffies(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += parsePidStatCpu(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {}
  }
  return sum;
}

export function rssKb(pid) {
  try {
    return parseVmRssKb(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

export function machineCpu() {
  return parseProcStat(fs.readFileSync('/proc/stat', 'utf8'));
}

export const CLK_TCK = Number(sh('getconf', ['CLK_TCK'], { allowFail: true })) || 100;

// ---- namespaces ------------------------------------------------------------------------

export function listNamespaces() {
  const out = sh('ip', ['netns', 'list'], { allowFail: true }) || '';
  return out.split('\n').map((l) => l.split(' ')[0]).filter(Boolean);
}

export function nsExec(ns, cmd, args, opts) {
  return sh('ip', ['netns', 'exec', ns, cmd, ...args], opts);
}

/**
 * Stops every process inside a namespace (they are all ours: the namespace name is unique to
 * this run), politely first, then with SIGKILL. Synchronous so it can run from process 'exit'.
 */
export function killNamespaceProcesses(ns) {
  const pids = () =>
    (sh('ip', ['netns', 'pids', ns], { allowFail: true }) || '')
      .split('\n')
      .map(Number)
      .filter((p) => p > 0 && p !== process.pid && alive(p));
  let left = pids();
  for (const p of left) trySignal(p, 'SIGTERM');
  for (let i = 0; i < 30 && left.length; i++) {
    sleepSync(100);
    left = left.filter(alive);
  }
  for (const p of left) trySignal(p, 'SIGKILL');
}

function trySignal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {}
}

export function deleteNamespace(ns) {
  killNamespaceProcesses(ns);
  sh('ip', ['netns', 'del', ns], { allowFail: true });
}

/**
 * Namespaces and temp dirs of earlier runs that provably ended (their run id says so,
 * scripts/run-id.mjs), with what still runs inside those namespaces (started by that run).
 */
export function removeStale(tmpRoot) {
  const removed = [];
  for (const ns of listNamespaces()) {
    if (isLeftOver(ns, NS_PREFIX)) {
      deleteNamespace(ns);
      removed.push(ns);
    }
  }
  for (const entry of fs.readdirSync(tmpRoot)) {
    if (isLeftOver(entry, NS_PREFIX)) fs.rmSync(path.join(tmpRoot, entry), { recursive: true, force: true });
  }
  return removed;
}

/**
 * client ──veth── middle ──veth── be1
 *                        └─veth── be2
 * Links are created inside the namespaces so no interface name ever appears in the root
 * namespace (no clash with concurrent runs or other tests).
 */
export function buildTopology(names, addr) {
  const { client, middle, be1, be2 } = names;
  for (const ns of [client, middle, be1, be2]) {
    sh('ip', ['netns', 'add', ns]);
    sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  }
  const link = (ns, ifname, peerNs, peerIf) =>
    sh('ip', ['-n', ns, 'link', 'add', ifname, 'type', 'veth', 'peer', 'name', peerIf, 'netns', peerNs]);
  link(middle, 'm-client', client, 'c-middle');
  link(middle, 'm-be1', be1, 'b-middle');
  link(middle, 'm-be2', be2, 'b-middle');

  const up = (ns, ifname, cidr) => {
    sh('ip', ['-n', ns, 'addr', 'add', cidr, 'dev', ifname]);
    sh('ip', ['-n', ns, 'link', 'set', ifname, 'up']);
  };
  up(middle, 'm-client', `${addr.middleClient}/24`);
  up(middle, 'm-be1', `${addr.middleBe1}/24`);
  up(middle, 'm-be2', `${addr.middleBe2}/24`);
  up(client, 'c-middle', `${addr.client}/24`);
  up(be1, 'b-middle', `${addr.be1}/24`);
  up(be2, 'b-middle', `${addr.be2}/24`);

  // LVS-NAT shape: the backends' replies must come back through the middle box so its
  // conntrack can reverse the DNAT; the client routes through it to reach backends directly
  // for the baseline.
  sh('ip', ['-n', client, 'route', 'add', 'default', 'via', addr.middleClient]);
  sh('ip', ['-n', be1, 'route', 'add', 'default', 'via', addr.middleBe1]);
  sh('ip', ['-n', be2, 'route', 'add', 'default', 'via', addr.middleBe2]);
  nsExec(middle, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);

  // The client is the load generator, not the system under test. When it happens to close
  // first (a proxy relays the response before its FIN), its TIME_WAIT sockets fill the default
  // 28k-port range and connect() burns CPU searching for a free port; measured that way the
  // Connection: close pass of nginx-stream was dominated by the client. Give the client the
  // whole port range and let it reuse TIME_WAIT ports. The middle box keeps kernel defaults.
  nsExec(client, 'sysctl', ['-qw', 'net.ipv4.ip_local_port_range=1024 65535', 'net.ipv4.tcp_tw_reuse=1']);
}

// ---- nginx -----------------------------------------------------------------------------

/** Waits until something in `ns` listens on `port`. */
async function waitListening(ns, port, child, dir) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const out = nsExec(ns, 'ss', ['-Hltn', `sport = :${port}`], { allowFail: true }) || '';
    if (out.trim() && processTree(child.pid).length > 1) return;
    await sleep(50);
  }
  let log = '';
  try {
    log = fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
  } catch {}
  throw new Error(`nginx in ${ns} did not start listening on :${port}\n${log}`);
}

/**
 * Starts nginx in the foreground (`daemon off`) inside a namespace, in its own prefix dir.
 * `ip netns exec` execs nginx, so child.pid is the nginx master.
 */
export async function startNginx(ns, dir, conf, port) {
  fs.mkdirSync(dir, { recursive: true });
  const confPath = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confPath, conf);
  const child = spawn('ip', ['netns', 'exec', ns, 'nginx', '-e', path.join(dir, 'error.log'), '-p', dir, '-c', confPath], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitListening(ns, port, child, dir);
  return {
    pid: child.pid,
    workers: () => processTree(child.pid).slice(1),
    tree: () => processTree(child.pid),
    /** SIGTERM is nginx's fast shutdown: the master stops its workers, then exits. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
