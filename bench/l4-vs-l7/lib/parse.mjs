// Pure parsers for the text the benchmark reads: wrk's report, /proc files, ss and conntrack output.
// Kept free of side effects so they can be checked against captured samples.

/** wrk prints times as "284.00us", "1.16ms", "2.10s", "1.00m", "1.00h"; returns milliseconds. */
export function timeToMs(value, unit) {
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
  if (factor === undefined) throw new Error(`unknown wrk time unit "${unit}"`);
  return Number(value) * factor;
}

/** Rounds for the report: enough digits to compare modes, not float noise. */
export function round(x, digits = 3) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Parses `wrk --latency` output. Throws when the lines every run prints are missing,
 * because a silently empty result would end up in results.json as zeros.
 */
export function parseWrk(text) {
  const total = text.match(/^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h), ([\d.]+\w+) read/m);
  const rps = text.match(/^Requests\/sec:\s+([\d.]+)/m);
  if (!total || !rps) throw new Error(`cannot parse wrk output:\n${text}`);
  const transfer = text.match(/^Transfer\/sec:\s+([\d.]+\w+)/m);

  const latencyMs = {};
  for (const p of [50, 75, 90, 99]) {
    const m = text.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm'));
    latencyMs[`p${p}`] = m ? round(timeToMs(m[1], m[2]), 4) : null;
  }

  // wrk prints these two lines only when the counts are non-zero.
  const sock = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = text.match(/Non-2xx or 3xx responses: (\d+)/);
  const errors = {
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    connect: sock ? Number(sock[1]) : 0,
    read: sock ? Number(sock[2]) : 0,
    write: sock ? Number(sock[3]) : 0,
    timeout: sock ? Number(sock[4]) : 0,
  };
  errors.total = errors.non2xx + errors.connect + errors.read + errors.write + errors.timeout;

  return {
    requests: Number(total[1]),
    durationS: round(timeToMs(total[2], total[3]) / 1000, 3),
    read: total[4],
    rps: round(Number(rps[1]), 2),
    transferPerSec: transfer ? transfer[1] : null,
    latencyMs,
    errors,
  };
}

/**
 * First line of /proc/stat, in jiffies summed over all CPUs.
 * busy = user+nice+system+irq+softirq. idle and iowait are not work; steal is time the
 * hypervisor gave to someone else, so it is not counted as our CPU either.
 */
export function parseProcStat(text) {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return {
    busy: user + nice + system + irq + softirq,
    softirq,
    steal,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

/** utime+stime (jiffies) from /proc/PID/stat; the comm field may hold spaces, so split after ')'. */
export function parsePidStatCpu(text) {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so utime (field 14) and stime (field 15) are rest[11] and rest[12].
  return Number(rest[11]) + Number(rest[12]);
}

/** cutime+cstime (jiffies) from /proc/PID/stat: CPU of the children the process has waited for. */
export function parsePidStatChildrenCpu(text) {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(rest[13]) + Number(rest[14]);
}

/** VmRSS in kB from /proc/PID/status, or null when the process is gone. */
export function parseVmRssKb(text) {
  const m = text.match(/^VmRSS:\s+(\d+) kB/m);
  return m ? Number(m[1]) : null;
}

/**
 * `ss -HtnO state established` lines: "Recv-Q Send-Q Local:Port Peer:Port ...".
 * Splits the middle box's sockets into the client-facing side (local address on the client
 * network) and the backend-facing side.
 */
export function countSockets(ssText, clientSideAddr) {
  let clientSide = 0;
  let backendSide = 0;
  for (const line of ssText.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const local = cols[2].replace(/:\d+$/, '');
    if (local === clientSideAddr) clientSide++;
    else backendSide++;
  }
  return { clientSide, backendSide, total: clientSide + backendSide };
}

/**
 * Counts ESTABLISHED entries in /proc/net/nf_conntrack whose original direction is
 * client -> service:port. Earlier passes leave TIME_WAIT entries behind; they are not counted.
 */
export function countConntrack(text, { src, dst, dport }) {
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line.includes(' tcp ') || !line.includes(' ESTABLISHED ')) continue;
    // The first src=/dst=/dport= in a line belong to the original direction.
    const s = line.match(/src=(\S+)/);
    const d = line.match(/dst=(\S+)/);
    const p = line.match(/dport=(\d+)/);
    if (s?.[1] === src && d?.[1] === dst && Number(p?.[1]) === dport) n++;
  }
  return n;
}

/** Object size of the nf_conntrack slab cache from /proc/slabinfo (bytes per entry, before extensions). */
export function conntrackObjSize(slabinfo) {
  const line = slabinfo.split('\n').find((l) => /^nf_conntrack\s/.test(l));
  if (!line) return null;
  return Number(line.trim().split(/\s+/)[3]);
}
