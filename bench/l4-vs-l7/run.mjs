#!/usr/bin/env node
// LVS Lab benchmark: kernel L4 forwarding vs nginx stream (user-space L4) vs nginx http (L7).
//
// Builds four network namespaces (client, middle, be1, be2) joined by veth pairs, runs nginx
// backends, and puts three kinds of load balancer on the middle box in turn. wrk in the client
// namespace measures each with keep-alive and with a new connection per request; a small Node
// script then holds many idle connections to show what state each middle box keeps.
//
// Needs root, iproute2, nftables, nginx with the stream module and wrk:
//   bash scripts/system-deps.sh && sudo node bench/l4-vs-l7/run.mjs
// See README.md next to this file for the results.json shape.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { RUN_ID } from '../../scripts/run-id.mjs';
import { countConntrack, countSockets, conntrackObjSize, parsePidStatChildrenCpu, parseWrk, round } from './lib/parse.mjs';
import { STREAM_MODULE, backendConf, httpProxyConf, streamConf, streamProbeConf } from './lib/nginx-conf.mjs';
import { compareModes, summarize } from './lib/repeats.mjs';
import {
  CLK_TCK,
  NS_PREFIX,
  buildTopology,
  cpuJiffies,
  deleteNamespace,
  machineCpu,
  nsExec,
  removeStale,
  rssKb,
  run,
  sleep,
  startNginx,
  which,
} from './lib/system.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HOLDER = path.join(HERE, 'idle-holder.mjs');

const THREADS = 2;
const WARMUP_S = 2;
const IDLE_HOLD_S = 5;
const SETTLE_MS = 2000;
// The machine may be shared (builds, tests). A pass starts only when other load is below
// QUIET_CORES; when load appeared by the time it ended, the mode is measured again.
const QUIET_CORES = 0.3;
const QUIET_WAIT_MS = 60_000;
const PASS_ATTEMPTS = 3;
// wrk runs under a shell that prints its own /proc stat afterwards: the shell's cutime+cstime
// then hold wrk's CPU, which /proc no longer shows once wrk has exited.
const WRK_WRAPPER = 'wrk "$@" || exit $?; read -r s < /proc/$$/stat; echo "l4l7-children-stat: $s"';
const MIDDLE_WORKERS = 1; // written into every nginx config (worker_processes 1)

const ADDR = {
  client: '10.10.0.2',
  middleClient: '10.10.0.1',
  middleBe1: '10.20.1.1',
  middleBe2: '10.20.2.1',
  be1: '10.20.1.2',
  be2: '10.20.2.2',
};
const BACKENDS = [ADDR.be1, ADDR.be2];

const NOTE_NO_IPVS =
  'This kernel has no IPVS module, so LVS itself cannot run here (run bench/l4-vs-l7/kernel-lab.ts to measure ' +
  'it in user-mode Linux). kernel-l4 uses nftables DNAT (numgen round robin) on the middle box instead: the same ' +
  'kernel path class as LVS-NAT - packets are forwarded in the netfilter/conntrack path, with no user-space copy, ' +
  'and backends route their replies back through the middle box. All namespaces share the same CPUs, ' +
  'so "machine" CPU includes the client (wrk) and the backends; compare modes against each other.';
const NOTE_IPVS =
  'Every mode runs on one kernel: real IPVS (VS/NAT, rr) and netfilter DNAT (nftables, or iptables where the kernel has no nftables NAT) beside nginx stream and nginx http, ' +
  'with the client (wrk) and both backends in namespaces of the same machine. All share the same CPUs, ' +
  'so "machine" CPU includes the client and the backends; compare modes against each other, not with other machines.';

const BASELINE = {
  id: 'direct-be1',
  label: { en: 'Baseline: one backend, routed (no NAT, no proxy)', zh: '基线：单个后端，仅路由（无 NAT、无代理）' },
  host: ADDR.be1,
  port: 80,
};

/** A middle box that is an nginx on the middle namespace, listening on `port`, with the config `conf` writes. */
function nginxMode(id, label, port, conf) {
  return {
    id, label, host: ADDR.middleClient, port,
    async setup(ctx) {
      const dir = path.join(ctx.tmp, `middle-${id}`);
      const proc = await startNginx(ctx.ns.middle, dir, conf(dir, { listen: `${this.host}:${this.port}`, backends: BACKENDS, workerConnections: ctx.workerConnections }), this.port);
      return { proc, teardown: () => proc.stop() };
    },
  };
}

/** The middle boxes. setup() returns the middle nginx handle (or null) and a teardown. */
const MODES = [
  {
    id: 'kernel-l4',
    label: { en: 'Kernel L4 forwarding (netfilter DNAT, LVS-NAT shape)', zh: '内核四层转发（netfilter DNAT，LVS-NAT 形态）' },
    host: ADDR.middleClient,
    port: 80,
    async setup(ctx) {
      const table = `table ip l4l7 {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${ADDR.middleClient} tcp dport 80 dnat to numgen inc mod 2 map { 0 : ${ADDR.be1}, 1 : ${ADDR.be2} }
  }
}
`;
      // Only the first packet of a connection traverses nat chains; conntrack applies the
      // mapping (and its reverse for replies) to every later packet. Forwarding itself is just
      // ip_forward=1 with no filter rules.
      if (nsExec(ctx.ns.middle, 'nft', ['-f', '-'], { input: table, allowFail: true }) !== null) {
        return { proc: null, method: 'nftables', teardown: async () => nsExec(ctx.ns.middle, 'nft', ['delete', 'table', 'ip', 'l4l7']) };
      }
      // A kernel built without nftables' ip family (the user-mode Linux of the kernel lab): the same
      // DNAT through iptables' nat table, every other new connection to be1 (statistic nth).
      const ipt = (rule) => nsExec(ctx.ns.middle, 'iptables-legacy', ['-t', 'nat', '-A', 'PREROUTING', '-d', ADDR.middleClient, '-p', 'tcp', '--dport', '80', ...rule]);
      ipt(['-m', 'statistic', '--mode', 'nth', '--every', '2', '--packet', '0', '-j', 'DNAT', '--to-destination', `${ADDR.be1}:80`]);
      ipt(['-j', 'DNAT', '--to-destination', `${ADDR.be2}:80`]);
      return { proc: null, method: 'iptables (this kernel has no nftables NAT)', teardown: async () => nsExec(ctx.ns.middle, 'iptables-legacy', ['-t', 'nat', '-F', 'PREROUTING']) };
    },
  },
  {
    id: 'kernel-ipvs',
    label: { en: 'LVS: IPVS VS/NAT (rr)', zh: 'LVS：IPVS VS/NAT（rr）' },
    host: ADDR.middleClient,
    port: 8080,
    /** IPVS exists when ipvsadm can talk to it (the module loads on first use); not on every kernel. */
    available(ctx) {
      return which('ipvsadm') !== null && nsExec(ctx.ns.middle, 'ipvsadm', ['-Ln'], { allowFail: true }) !== null;
    },
    async setup(ctx) {
      const svc = `${this.host}:${this.port}`;
      // The VIP is the middle box's own address: IPVS takes the packets in LOCAL_IN and sends them on
      // to the backends with the destination rewritten; replies come back through the middle box.
      nsExec(ctx.ns.middle, 'ipvsadm', ['-A', '-t', svc, '-s', 'rr']);
      for (const be of BACKENDS) nsExec(ctx.ns.middle, 'ipvsadm', ['-a', '-t', svc, '-r', `${be}:80`, '-m']);
      return { proc: null, teardown: async () => nsExec(ctx.ns.middle, 'ipvsadm', ['-C']) };
    },
  },
  nginxMode('nginx-stream', { en: 'nginx stream (user-space L4 proxy)', zh: 'nginx stream（用户态四层代理）' }, 8081,
    (dir, opts) => streamConf(dir, opts)),
  nginxMode('nginx-http', { en: 'nginx http (L7 reverse proxy)', zh: 'nginx http（七层反向代理）' }, 8082,
    (dir, opts) => httpProxyConf(dir, opts)),
  nginxMode('nginx-http-nopool', { en: 'nginx http without upstream keepalive (a new backend connection per request)', zh: 'nginx http，不复用上游连接（每个请求新建后端连接）' }, 8083,
    (dir, opts) => httpProxyConf(dir, { ...opts, upstreamKeepalive: false })),
];

// ---- command line ------------------------------------------------------------------------

const USAGE = `Usage: sudo node bench/l4-vs-l7/run.mjs [options]

Measures kernel L4 forwarding (IPVS VS/NAT where the kernel has it, nftables DNAT) vs nginx stream (L4)
vs nginx http (L7, with and without upstream keepalive) between network namespaces on this machine,
each mode --repeats times on a fresh topology, and writes results.json with medians and spreads.
bench/l4-vs-l7/kernel-lab.ts runs the same inside user-mode Linux, where IPVS exists.

Options:
  --duration S      seconds per measured wrk pass (default 10; each pass has a 2 s warm-up)
  --connections N   wrk connections (default 64, at least ${THREADS}; wrk uses ${THREADS} threads)
  --idle N          idle long-lived connections per mode (default 500)
  --repeats N       measurements of every mode, each on a fresh topology (default 5); medians and spreads
  --out FILE        where to write the JSON (default bench/l4-vs-l7/results.json)
  --json            print the JSON instead of the tables
  --help            this text

Needs root, ip, nft, nginx (+ ${STREAM_MODULE}) and wrk: bash scripts/system-deps.sh`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { duration: 10, connections: 64, idle: 500, repeats: 5, out: path.join(HERE, 'results.json'), json: false, help: false };
  const ints = { '--duration': ['duration', 1, 3600], '--connections': ['connections', THREADS, 10000], '--idle': ['idle', 1, 20000], '--repeats': ['repeats', 1, 50] };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s);
    const takeValue = () => {
      if (value === undefined) value = argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      return value;
    };
    if (flag === '--help' || flag === '-h') opts.help = true;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--out') opts.out = path.resolve(takeValue());
    else if (ints[flag]) {
      const [key, min, max] = ints[flag];
      const v = takeValue();
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`);
      opts[key] = Number(v);
    } else throw new UsageError(`unknown option "${argv[i]}"`);
  }
  return opts;
}

// ---- preflight -------------------------------------------------------------------------

/** Everything the run needs, checked before any namespace exists. Exits 2 with advice. */
function preflight() {
  const problems = [];
  if (process.getuid?.() !== 0) problems.push('must run as root (network namespaces, nftables): sudo node bench/l4-vs-l7/run.mjs');
  for (const tool of ['ip', 'nft', 'nginx', 'wrk']) if (!which(tool)) problems.push(`"${tool}" not found`);
  if (which('nginx')) {
    if (!fs.existsSync(STREAM_MODULE)) problems.push(`nginx stream module missing (${STREAM_MODULE})`);
    else {
      // The module file can exist but belong to another nginx build; nginx -t loads it for real.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${NS_PREFIX}${RUN_ID}-probe-`));
      try {
        fs.writeFileSync(path.join(dir, 'probe.conf'), streamProbeConf(dir));
        const r = spawnSync('nginx', ['-t', '-q', '-e', path.join(dir, 'probe-error.log'), '-p', dir, '-c', path.join(dir, 'probe.conf')], { encoding: 'utf8' });
        if (r.status !== 0) problems.push(`nginx cannot load the stream module: ${(r.stderr || r.error?.message || '').trim()}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  if (problems.length) {
    const missing = problems.length > (process.getuid?.() !== 0 ? 1 : 0);
    console.error(`l4-vs-l7: cannot run:\n  - ${problems.join('\n  - ')}${missing ? '\nInstall the tools with: sudo bash scripts/system-deps.sh' : ''}`);
    process.exit(2);
  }
}

function machineInfo() {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? 'unknown';
  const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  const wrk = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  return {
    cpu,
    cores: os.cpus().length,
    kernel: os.release(),
    nginx: `${nginx.stderr}${nginx.stdout}`.trim().replace(/^nginx version:\s*/, ''),
    wrk: `${wrk.stdout}${wrk.stderr}`.split('\n')[0].replace(/\s*Copyright.*$/, '').trim(),
    node: process.version,
    date: new Date().toISOString(),
  };
}

// ---- cleanup ---------------------------------------------------------------------------

/** What this run created; cleanup() undoes it synchronously, so it also works from 'exit'. */
const created = { namespaces: [], tmp: null };
let cleaned = false;

function cleanup() {
  if (cleaned) return;
  cleaned = true;
  // Deleting a namespace does not stop its processes, so each namespace's processes
  // (nginx masters and workers, wrk, the idle holder) are stopped first.
  for (const ns of created.namespaces) deleteNamespace(ns);
  if (created.tmp) fs.rmSync(created.tmp, { recursive: true, force: true });
}

function installCleanupHandlers() {
  process.on('exit', cleanup);
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => {
      console.error(`\nl4-vs-l7: ${sig}, cleaning up`);
      cleanup();
      process.exit(code);
    });
  }
}

const log = (msg) => process.stderr.write(`l4-vs-l7: ${msg}\n`);

// ---- measurements ----------------------------------------------------------------------

/** CPU counters that bracket a wrk pass. */
function sampleCpu(ctx, middleProc) {
  return {
    at: process.hrtime.bigint(),
    machine: machineCpu(),
    middle: middleProc ? cpuJiffies(middleProc.tree()) : null,
    be: ctx.backends.map((b) => cpuJiffies(b.tree())),
  };
}

/** Busy CPU cores over a window; between passes our namespaces are idle, so this is other load. */
async function busyCores(ms) {
  const a = machineCpu();
  await sleep(ms);
  const b = machineCpu();
  return round((b.busy - a.busy) / CLK_TCK / (ms / 1000), 3);
}

/** Waits (bounded) until other load on the machine drops below QUIET_CORES; returns the last reading. */
async function waitQuiet() {
  const deadline = Date.now() + QUIET_WAIT_MS;
  let load = await busyCores(1000);
  if (load > QUIET_CORES) log(`waiting for other load on this machine to settle (${load} cores busy)`);
  while (load > QUIET_CORES && Date.now() < deadline) load = await busyCores(1000);
  if (load > QUIET_CORES) log(`machine still busy (${load} cores); measuring anyway, see background in the results`);
  return load;
}

/** Thrown when other load showed up during a pass; the whole mode is then measured again. */
class NoisyPass extends Error {}

/**
 * One wrk pass, started on a quiet machine. `background` records other load just before and
 * just after; when it rose above QUIET_CORES the pass is rejected (unless this is the last
 * attempt) so the caller can measure the mode again on a fresh topology.
 */
async function wrkPass(ctx, target, middleProc, { close }) {
  const coresBefore = await waitQuiet();
  const result = await wrkPassOnce(ctx, target, middleProc, { close });
  const coresAfter = await busyCores(1000);
  result.background = { coresBefore, coresAfter };
  if (coresAfter > QUIET_CORES && !ctx.lastAttempt) throw new NoisyPass(`other load appeared during the pass (${coresAfter} cores busy)`);
  return result;
}

/**
 * One wrk pass (after an unrecorded warm-up) plus CPU accounting:
 *  - machine: busy jiffies of all CPUs (/proc/stat), i.e. client + middle + backends + softirq;
 *  - middle:  the middle nginx master+worker utime+stime (null for kernel-l4: no process, its
 *             work is softirq time inside the machine figure);
 *  - backends: both backend nginx processes, to show backend work is the same in every mode;
 *  - client: wrk's own CPU, so load-generator cost can be told apart from the middle box.
 */
async function wrkPassOnce(ctx, target, middleProc, { close }) {
  const url = `http://${target.host}:${target.port}/`;
  const args = (seconds) => [
    'netns', 'exec', ctx.ns.client, 'sh', '-c', WRK_WRAPPER, 'wrk', '-t', String(THREADS), '-c', String(ctx.opts.connections),
    '-d', `${seconds}s`, '--latency', ...(close ? ['-H', 'Connection: close'] : []), url,
  ];
  await run('ip', args(WARMUP_S));

  const before = sampleCpu(ctx, middleProc);
  const out = await run('ip', args(ctx.opts.duration));
  const after = sampleCpu(ctx, middleProc);

  const w = parseWrk(out);
  const childStat = out.match(/^l4l7-children-stat: (.*)$/m);
  const dClient = childStat ? parsePidStatChildrenCpu(childStat[1]) : null;
  const wallS = Number(after.at - before.at) / 1e9;
  const perReqUs = (jiffies) => (w.requests > 0 ? round((jiffies * 1e6) / CLK_TCK / w.requests, 2) : null);
  const coreShare = (jiffies) => round(jiffies / CLK_TCK / wallS, 3);
  const dMachine = after.machine.busy - before.machine.busy;
  const dMiddle = middleProc ? after.middle - before.middle : null;
  const dBe = after.be.map((v, i) => v - before.be[i]);

  return {
    url,
    connectionClose: close,
    requests: w.requests,
    durationS: w.durationS,
    rps: w.rps,
    transferPerSec: w.transferPerSec,
    latencyMs: w.latencyMs,
    cpuUsPerReq: {
      machine: perReqUs(dMachine),
      machineSoftirq: perReqUs(after.machine.softirq - before.machine.softirq),
      client: dClient === null ? null : perReqUs(dClient),
      middle: dMiddle === null ? null : perReqUs(dMiddle),
      backends: perReqUs(dBe[0] + dBe[1]),
    },
    cores: {
      machineBusy: coreShare(dMachine),
      machineSteal: coreShare(after.machine.steal - before.machine.steal),
      client: dClient === null ? null : coreShare(dClient),
      middleProcess: dMiddle === null ? null : coreShare(dMiddle),
      backendMax: coreShare(Math.max(...dBe)),
    },
    errors: w.errors,
  };
}

/** Reads a JSON line at a time from the idle holder. */
function lineReader(stream) {
  const rl = readline.createInterface({ input: stream });
  const queue = [];
  const waiters = [];
  rl.on('line', (l) => (waiters.length ? waiters.shift()(l) : queue.push(l)));
  rl.on('close', () => waiters.splice(0).forEach((w) => w(null)));
  return () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r)));
}

/** The middle box's state for the idle connections: conntrack, sockets, proxy memory. */
function middleState(ctx, target, middleProc) {
  const m = ctx.ns.middle;
  const conntrack = nsExec(m, 'cat', ['/proc/net/nf_conntrack'], { allowFail: true }) ?? '';
  const sockets = countSockets(nsExec(m, 'ss', ['-HtnO', 'state', 'established']), ADDR.middleClient);
  const workers = middleProc ? middleProc.workers() : [];
  return {
    conntrackEntries: countConntrack(conntrack, { src: ADDR.client, dst: target.host, dport: target.port }),
    conntrackCountAll: Number(nsExec(m, 'cat', ['/proc/sys/net/netfilter/nf_conntrack_count'], { allowFail: true }) ?? NaN),
    sockets,
    workerRssKb: middleProc ? workers.reduce((s, p) => s + (rssKb(p) ?? 0), 0) : null,
  };
}

/**
 * Opens `idle` HTTP keep-alive connections from the client (one request each), keeps them
 * idle for IDLE_HOLD_S, samples the middle box, then checks each still answers.
 */
async function longLived(ctx, target, middleProc) {
  const n = ctx.opts.idle;
  const rssBefore = middleProc ? middleProc.workers().reduce((s, p) => s + (rssKb(p) ?? 0), 0) : null;
  // The holder needs a file descriptor per connection; raise its limit inside the namespace.
  const holder = spawn(
    'ip',
    ['netns', 'exec', ctx.ns.client, 'sh', '-c', 'ulimit -n "$0" && exec "$@"', String(n + 256), process.execPath, HOLDER, target.host, String(target.port), String(n)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((r) => holder.once('exit', r));
  const next = lineReader(holder.stdout);
  try {
    const opened = JSON.parse((await next()) ?? 'null');
    if (!opened) throw new Error('idle holder exited before opening its connections');
    await sleep(IDLE_HOLD_S * 1000);
    const state = middleState(ctx, target, middleProc);
    holder.stdin.write('probe\n');
    const probed = JSON.parse((await next()) ?? 'null');
    if (!probed) throw new Error('idle holder exited during the probe');

    return {
      requested: n,
      connected: opened.connected,
      answeredFirst: opened.answered,
      holdSeconds: IDLE_HOLD_S,
      openAfterHold: probed.open,
      answeredAfterHold: probed.answered,
      middle: {
        conntrackEntries: state.conntrackEntries,
        conntrackCountAll: state.conntrackCountAll,
        conntrackEntryBytes: ctx.conntrackEntryBytes,
        socketsClientSide: state.sockets.clientSide,
        socketsBackendSide: state.sockets.backendSide,
        socketsTotal: state.sockets.total,
        socketsPerClientConnection: opened.connected ? round(state.sockets.total / opened.connected, 2) : null,
        workerRssKbBefore: rssBefore,
        workerRssKbDuring: state.workerRssKb,
        workerRssKbPerConnection:
          middleProc && opened.connected ? round((state.workerRssKb - rssBefore) / opened.connected, 2) : null,
      },
    };
  } finally {
    holder.stdin.end('close\n');
    await Promise.race([exited, sleep(5000)]);
    if (holder.exitCode === null) holder.kill('SIGKILL');
  }
}

// ---- report ----------------------------------------------------------------------------

const fmt = (v, digits = 2) => (v === null || v === undefined ? '-' : typeof v === 'number' ? v.toFixed(digits) : String(v));
const pad = (s, w, left = false) => (left ? String(s).padEnd(w) : String(s).padStart(w));

function passTable(title, rows) {
  const head = ['mode', 'req/s', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'CPU us/req:', '', '', 'cores:', '', '', 'errors'];
  const head2 = ['', 'median', 'min-max', '', '', '', 'machine', 'client', 'middle', 'machine', 'middle', 'backend', ''];
  const widths = [17, 7, 13, 7, 7, 7, 11, 7, 7, 8, 7, 8, 6];
  const line = (cols) => cols.map((c, i) => pad(c, widths[i], i === 0)).join(' ');
  const out = [title, line(head), line(head2)];
  for (const { id, pass: p, spread } of rows) {
    const range = spread?.rps ? `${fmt(spread.rps.min, 0)}-${fmt(spread.rps.max, 0)}` : '-';
    out.push(
      line([
        id, fmt(p.rps, 0), range, fmt(p.latencyMs.p50, 3), fmt(p.latencyMs.p90, 3), fmt(p.latencyMs.p99, 3),
        fmt(p.cpuUsPerReq.machine, 1), fmt(p.cpuUsPerReq.client, 1), fmt(p.cpuUsPerReq.middle, 1),
        fmt(p.cores.machineBusy), fmt(p.cores.middleProcess), fmt(p.cores.backendMax), String(p.errors.total),
      ]),
    );
  }
  return out.join('\n');
}

function longLivedTable(result) {
  const head = ['mode', 'opened', 'alive', 'conntrack', 'middle sockets', 'sockets', 'worker RSS kB', 'RSS kB'];
  const head2 = ['', '', 'after hold', 'entries', 'client+backend', '/client', 'before->during', '/conn'];
  const widths = [14, 7, 10, 9, 15, 8, 15, 7];
  const line = (cols) => cols.map((c, i) => pad(c, widths[i], i === 0)).join(' ');
  const out = [`Long-lived: ${result.settings.idleConnections} idle keep-alive connections held ${IDLE_HOLD_S} s (one request on open, one after the hold)`, line(head), line(head2)];
  for (const m of result.modes) {
    const l = m.longLived;
    const mid = l.middle;
    out.push(
      line([
        m.id, `${l.connected}/${l.requested}`, String(l.answeredAfterHold), String(mid.conntrackEntries),
        `${mid.socketsClientSide}+${mid.socketsBackendSide}`, fmt(mid.socketsPerClientConnection),
        mid.workerRssKbBefore === null ? '-' : `${mid.workerRssKbBefore}->${mid.workerRssKbDuring}`,
        fmt(mid.workerRssKbPerConnection),
      ]),
    );
  }
  return out.join('\n');
}

/** Other load on the machine around the passes, so a reader can judge the numbers. */
function backgroundLine(result) {
  const passes = [result.baseline, ...result.modes].flatMap((m) => [m.keepalive, m.close]);
  const worst = Math.max(...passes.flatMap((p) => [p.background.coresBefore, p.background.coresAfter]));
  const repeated = [result.baseline, ...result.modes].filter((m) => m.attempts > 1).map((m) => `${m.id} x${m.attempts}`);
  return `other load around passes: at most ${worst.toFixed(2)} cores busy (threshold ${QUIET_CORES}); measured again because of it: ${repeated.join(', ') || 'none'}`;
}

function printReport(result) {
  const m = result.machine;
  const s = result.settings;
  const rows = (key) => [result.baseline, ...result.modes].map((x) => ({ id: x.id, pass: x[key], spread: x.spread?.[key] }));
  const wrkLine = `wrk -t${s.threads} -c${s.connections} -d${s.duration}s (after ${s.warmup}s warm-up), medians of ${s.repeats} runs`;
  const beyond = (pass) => result.comparisons.filter((c) => c.pass === pass)
    .map((c) => `  ${c.faster} ${c.beyondNoise === null ? '?' : c.beyondNoise ? '>' : '~'} ${c.slower} (x${c.ratio}${c.beyondNoise === null ? ', too few runs to judge' : c.beyondNoise ? '' : ', within the spread'})`);
  console.log(
    [
      'LVS Lab: kernel L4 forwarding (IPVS, nftables) vs nginx stream (L4) vs nginx http (L7)',
      `machine: ${m.cpu}, ${m.cores} cores, kernel ${m.kernel}, ${m.nginx}, ${m.wrk}, node ${m.node}, ${m.date}`,
      `middle-box nginx: worker_processes ${s.middleNginxWorkers}; backends: nginx worker_processes ${s.backendNginxWorkers} each`,
      `note: ${result.note}`,
      '',
      passTable(`Keep-alive: ${wrkLine}`, rows('keepalive')),
      '',
      passTable(`Connection: close (new TCP connection per request): ${wrkLine}`, rows('close')),
      '',
      longLivedTable(result),
      '',
      `Differences in req/s larger than the noise (">": the ranges of ${s.repeats} runs do not overlap; "~": they do; "?": fewer than 3 runs):`,
      'keep-alive:', ...beyond('keepalive'),
      'Connection: close:', ...beyond('close'),
      ...(result.skipped.length ? [`not on this kernel: ${result.skipped.join(', ')}`] : []),
      '',
      backgroundLine(result),
      'CPU us/req: machine = busy time of all CPUs (user+system+irq+softirq: wrk, middle, backends, packet processing) / requests;',
      '  client = wrk utime+stime; middle = middle-box nginx utime+stime (none for kernel-l4: its work is softirq inside machine).',
      'cores = CPU-seconds per second (1.00 = one core busy); backend = the busier backend nginx (below 1.00: not saturated).',
    ].join('\n'),
  );
}

// ---- main ------------------------------------------------------------------------------

/**
 * Builds the namespaces and starts both backends, runs fn, then removes it all again.
 * Each mode gets a fresh kernel network state because leftovers are not neutral: tens of
 * thousands of TIME_WAIT sockets and conntrack entries from one mode's Connection: close pass
 * more than halved the next mode's close-pass rate when the topology was shared.
 */
async function withFreshTopology(ctx, fn) {
  ctx.backends = [];
  try {
    buildTopology(ctx.ns, ADDR);
    for (const name of ['be1', 'be2']) {
      const dir = path.join(ctx.tmp, name);
      ctx.backends.push(await startNginx(ctx.ns[name], dir, backendConf(dir, { name, workerConnections: ctx.workerConnections }), 80));
    }
    return await fn();
  } finally {
    for (const b of ctx.backends) await b.stop();
    for (const n of Object.values(ctx.ns)) deleteNamespace(n);
    // The kernel frees a deleted namespace's sockets and conntrack entries in a background
    // worker; let that finish before the next measurement.
    await sleep(SETTLE_MS);
  }
}

/**
 * Measures on a fresh topology; when a pass is rejected as noisy, starts over on a new one
 * (repeating only the pass would inherit its TIME_WAIT sockets and conntrack entries).
 */
async function withRetries(ctx, measure) {
  for (let attempt = 1; ; attempt++) {
    ctx.lastAttempt = attempt === PASS_ATTEMPTS;
    try {
      const result = await withFreshTopology(ctx, measure);
      return { ...result, attempts: attempt };
    } catch (err) {
      if (!(err instanceof NoisyPass)) throw err;
      log(`${err.message}; measuring again on a fresh topology (attempt ${attempt + 1} of ${PASS_ATTEMPTS})`);
    }
  }
}

/** Sets up one middle box and measures it: long-lived first (when asked), then keep-alive, then close. */
async function measureMode(ctx, mode, { withLongLived }) {
  const { proc, teardown, method } = await mode.setup(ctx);
  try {
    // Long-lived first, while the middle box holds no other connections.
    const longLivedResult = withLongLived ? await longLived(ctx, mode, proc) : undefined;
    const keepalive = await wrkPass(ctx, mode, proc, { close: false });
    const close = await wrkPass(ctx, mode, proc, { close: true });
    return { id: mode.id, label: mode.label, ...(method ? { method } : {}), service: `${mode.host}:${mode.port}`, keepalive, close, ...(longLivedResult ? { longLived: longLivedResult } : {}) };
  } finally {
    await teardown();
  }
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`l4-vs-l7: ${err.message} (see --help)`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  // sudo or cron may leave the sbin directories (ip, nft, nginx) out of PATH; the commands
  // spawned below, including those run through `ip netns exec`, look tools up in PATH.
  process.env.PATH = [process.env.PATH, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].filter(Boolean).join(':');
  preflight();

  const stale = removeStale(os.tmpdir());
  if (stale.length) log(`removed stale namespaces of earlier runs: ${stale.join(', ')}`);
  installCleanupHandlers();

  const prefix = `${NS_PREFIX}${RUN_ID}-`;
  const ns = { client: `${prefix}client`, middle: `${prefix}middle`, be1: `${prefix}be1`, be2: `${prefix}be2` };
  created.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.namespaces.push(...Object.values(ns));

  const ctx = {
    opts,
    ns,
    tmp: created.tmp,
    // Each idle client connection costs a proxy two connections; leave room for wrk as well.
    workerConnections: Math.max(4096, 2 * opts.idle + 2 * opts.connections + 256),
    conntrackEntryBytes: conntrackObjSize(fs.readFileSync('/proc/slabinfo', 'utf8')),
    backends: [],
  };

  try {
    const machine = machineInfo();
    log(`namespaces: ${Object.values(ns).join(', ')} (rebuilt for the baseline and for each mode)`);

    // Which modes this kernel can run (IPVS needs its module): checked once on a throw-away topology.
    const available = await withFreshTopology(ctx, async () => MODES.filter((m) => !m.available || m.available(ctx)));
    const skipped = MODES.filter((m) => !available.includes(m)).map((m) => m.id);
    if (skipped.length) log(`not on this kernel: ${skipped.join(', ')}`);

    // Repeats interleave the modes (baseline, every mode, then again), so a slow drift of the machine
    // spreads over all of them instead of landing on one.
    const baselineRuns = [];
    const modeRuns = new Map(available.map((m) => [m.id, []]));
    for (let r = 1; r <= opts.repeats; r++) {
      log(`repeat ${r} of ${opts.repeats}: baseline (client -> be1 routed through the middle box, no NAT, no proxy)`);
      baselineRuns.push(await withRetries(ctx, async () => ({
        id: BASELINE.id,
        label: BASELINE.label,
        keepalive: await wrkPass(ctx, BASELINE, null, { close: false }),
        close: await wrkPass(ctx, BASELINE, null, { close: true }),
      })));
      for (const mode of available) {
        log(`repeat ${r} of ${opts.repeats}: ${mode.id}, service http://${mode.host}:${mode.port}/`);
        modeRuns.get(mode.id).push(await withRetries(ctx, () => measureMode(ctx, mode, { withLongLived: r === 1 })));
      }
    }
    const baseline = summarize(baselineRuns);
    const modes = available.map((m) => summarize(modeRuns.get(m.id)));

    const result = {
      schema: 2,
      machine,
      settings: {
        duration: opts.duration,
        repeats: opts.repeats,
        warmup: WARMUP_S,
        threads: THREADS,
        connections: opts.connections,
        idleConnections: opts.idle,
        idleHoldSeconds: IDLE_HOLD_S,
        middleNginxWorkers: MIDDLE_WORKERS,
        backendNginxWorkers: 1,
        freshTopologyPerMode: true,
        quietThresholdCores: QUIET_CORES,
        clkTck: CLK_TCK,
        addresses: ADDR,
      },
      note: available.some((m) => m.id === 'kernel-ipvs') ? NOTE_IPVS : NOTE_NO_IPVS,
      skipped,
      baseline,
      modes,
      comparisons: compareModes(modes),
    };

    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, JSON.stringify(result, null, 2) + '\n');
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else printReport(result);
    log(`wrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
  } finally {
    cleanup();
  }
}

main().catch((err) => {
  console.error(`l4-vs-l7: ${err.stack || err.message}`);
  cleanup();
  process.exit(1);
});
