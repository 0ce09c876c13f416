/**
 * ipvsadm's argument handling, as ipvsadm 1.31 does it with popt: options in any order (short ones
 * bundled, `-Ln`; values attached or separate; `--long=value`), the first option must be the command,
 * each option at most once, leftover words only for --set; then the checks of its option table
 * (./options.ts) and of each command, in ipvsadm's order, with its words and its exit status (2).
 */
import { COMMANDS, OPTION_DEFS, OPTS, rule, type Cmd, type Opt } from './options';
import { portByName, type Proto } from './services';
import type { Dest, Forward, Service } from './director';

export interface Parsed {
  cmd: Cmd | 'help' | 'version';
  options: Set<Opt>;
  svc: Service;
  dest: Dest;
  /** Listing flags. */
  format: { numeric: boolean; stats: boolean; rate: boolean; thresholds: boolean; persistentConn: boolean; nosort: boolean; exact: boolean; tunInfo: boolean };
  timeouts?: [number, number, number];
  daemonState?: string;
  /** The sync daemon's settings, with ipvsadm's defaults (syncid 0 as the kernel reports it). */
  daemon: { ifname: string; syncid: number; maxlen: number; group: string; port: number; ttl: number };
}

export class Fail {
  constructor(readonly stderr: string, readonly exit: number) {}
}

const fail = (msg: string, exit = 2): never => {
  throw new Fail(`${msg}\n`, exit);
};
const TRY_HELP = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";

/** strtol over the whole word, within [min, max]; -1 otherwise (ipvsadm's string_to_number). */
export function number(s: string | undefined, min: number, max: number): number {
  if (s === undefined || !/^\s*[+-]?\d+$/.test(s)) return -1;
  const n = Number(s);
  return n >= min && n <= max ? n : -1;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export const isIpv4 = (s: string) => IPV4.test(s) && s.split('.').every((o) => Number(o) <= 255);

/** `host[:port]` as parse_service reads it: 0 none, 1 address, 3 address and port. */
function parseService(buf: string, proto: Proto): { flags: number; addr?: string; port?: number } {
  if (/^\d+$/.test(buf)) return { flags: 0 };
  const colon = buf.lastIndexOf(':');
  const host = colon >= 0 ? buf.slice(0, colon) : buf;
  if (!isIpv4(host)) return { flags: 0 };
  if (colon < 0) return { flags: 1, addr: host };
  const p = buf.slice(colon + 1);
  let port = number(p, 0, 65535);
  if (port === -1) port = portByName(p, proto) ?? -1;
  if (port === -1) return { flags: 0 };
  return { flags: 3, addr: host, port };
}

const SCHED_FLAGS: Record<string, { sched?: string; bit: number }> = {
  'flag-1': { bit: 1 }, 'flag-2': { bit: 2 }, 'flag-3': { bit: 3 },
  'sh-fallback': { sched: 'sh', bit: 1 }, 'sh-port': { sched: 'sh', bit: 2 },
  'mh-fallback': { sched: 'mh', bit: 1 }, 'mh-port': { sched: 'mh', bit: 2 },
};

/**
 * An option's value: attached (`-srr`, `--scheduler=rr`), else the next word; an optional value (-p)
 * is taken only when the next word is not an option. Undefined when a value is required and missing.
 */
function valueOf(def: (typeof OPTION_DEFS)[number], attached: string | undefined, argv: readonly string[], i: number): { value?: string; next: number } | undefined {
  if (attached !== undefined) return { value: attached, next: i };
  const next = argv[i + 1];
  if (def.arg === 'optional') return next !== undefined && !next.startsWith('-') ? { value: next, next: i + 1 } : { next: i };
  return next !== undefined ? { value: next, next: i + 1 } : undefined;
}

/** Splits argv into popt's events: options with their values, and leftover words. */
function* events(argv: readonly string[]): Generator<{ def?: (typeof OPTION_DEFS)[number]; value?: string; word?: string; bad?: string }> {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      for (const w of argv.slice(i + 1)) yield { word: w };
      return;
    }
    if (a.startsWith('--')) {
      const [name, attached] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const matches = OPTION_DEFS.filter((d) => d.long === name);
      const def = matches[0];
      if (!def) {
        yield { bad: a };
        return;
      }
      if (def.arg === 'none') yield { def };
      else {
        const got = valueOf(def, attached, argv, i);
        if (!got) {
          yield { bad: a, value: 'missing' };
          return;
        }
        i = got.next;
        yield { def, ...(got.value !== undefined ? { value: got.value } : {}) };
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const def = OPTION_DEFS.find((d) => d.short === a[k]);
        if (!def) {
          yield { bad: `-${a[k]}` };
          return;
        }
        if (def.arg === 'none') {
          yield { def };
          continue;
        }
        const got = valueOf(def, a.slice(k + 1) || undefined, argv, i);
        if (!got) {
          yield { bad: `-${a[k]}`, value: 'missing' };
          return;
        }
        i = got.next;
        yield { def, ...(got.value !== undefined ? { value: got.value } : {}) };
        break;
      }
      continue;
    }
    yield { word: a };
  }
}

function emptyService(): Service {
  return { protocol: 'TCP', addr: '0.0.0.0', port: 0, fwmark: 0, ipv6: false, scheduler: '', netmask: '255.255.255.255', pe: '', ops: false, flagBits: [], dests: [] };
}

export function parseArgs(argv: readonly string[]): Parsed {
  const p: Parsed = {
    cmd: 'list', options: new Set(), svc: emptyService(),
    dest: { addr: '0.0.0.0', port: 0, forward: 'Route', weight: 1, uThreshold: 0, lThreshold: 0, tunType: 'ipip', tunPort: 0, tunFlags: 'nocsum' },
    format: { numeric: false, stats: false, rate: false, thresholds: false, persistentConn: false, nosort: false, exact: false, tunInfo: false },
    daemon: { ifname: 'eth0', syncid: 0, maxlen: 1472, group: '224.0.0.81', port: 8848, ttl: 1 },
  };
  const words: string[] = [];
  let schedFlags = '';
  let persistent = false;
  let first = true;
  const set = (o: Opt) => {
    if (p.options.has(o)) fail(`multiple '${o}' options specified`);
    p.options.add(o);
  };
  for (const ev of events(argv)) {
    if (ev.word !== undefined) {
      words.push(ev.word);
      continue;
    }
    if (ev.bad !== undefined) {
      if (first) throw new Fail(TRY_HELP, 255);
      throw new Fail(`${ev.bad}: ${ev.value === 'missing' ? 'missing argument' : 'unknown option'}\n`, 255);
    }
    const def = ev.def!;
    const v = ev.value;
    if (first) {
      first = false;
      const c = COMMANDS[def.long];
      if (!c) throw new Fail(TRY_HELP, 255);
      p.cmd = c;
      if (c === 'start-daemon' || c === 'stop-daemon') {
        if (v !== 'master' && v !== 'backup') fail(c === 'start-daemon' ? 'illegal start-daemon parameter specified' : 'illegal start_daemon specified');
        p.daemonState = v;
      }
      if (c === 'help' || c === 'version') return p;
      continue;
    }
    if (COMMANDS[def.long]) {
      if (def.long === 'help' || def.long === 'version') fail(`invalid option \`${argv.find((a) => a.startsWith('-')) ?? ''}'`);
      fail(`invalid option \`${def.short ? `-${def.short}` : `--${def.long}`}'`);
    }
    switch (def.long) {
      case 'tcp-service':
      case 'udp-service':
      case 'sctp-service': {
        set('service-address');
        p.svc.protocol = def.long === 'udp-service' ? 'UDP' : def.long === 'sctp-service' ? 'SCTP' : 'TCP';
        const r = parseService(v!, p.svc.protocol);
        if (!(r.flags & 1)) fail('illegal virtual server address[:port] specified');
        p.svc.addr = r.addr!;
        p.svc.port = r.port ?? 0;
        break;
      }
      case 'fwmark-service': {
        set('service-address');
        p.svc.protocol = 'TCP';
        const n = number(v, 1, 4294967295);
        if (n === -1) fail(`invalid fwmark value \`${v}' specified`);
        p.svc.fwmark = n;
        break;
      }
      case 'scheduler':
        set('scheduler');
        p.svc.scheduler = v!.slice(0, 15);
        break;
      case 'persistent': {
        set('persistent');
        persistent = true;
        if (v === undefined) p.svc.persistent = 360;
        else {
          const n = number(v, 1, 86400 * 31);
          if (n === -1) fail(`invalid timeout value \`${v}' specified`);
          p.svc.persistent = n;
        }
        break;
      }
      case 'netmask':
        set('netmask');
        if (!isIpv4(v!)) fail('illegal virtual server persistent mask specified');
        p.svc.netmask = v!;
        break;
      case 'real-server': {
        set('real-server');
        const r = parseService(v!, p.svc.protocol);
        if (!(r.flags & 1)) fail('illegal real server address[:port] specified');
        p.dest.addr = r.addr!;
        p.dest.port = r.flags === 1 ? p.svc.port : r.port!;
        break;
      }
      case 'masquerading':
      case 'ipip':
      case 'gatewaying':
        set('forwarding-method');
        p.dest.forward = ({ masquerading: 'Masq', ipip: 'Tunnel', gatewaying: 'Route' } as Record<string, Forward>)[def.long]!;
        break;
      case 'weight':
        set('weight');
        // Debian's ipvsadm 1.31 takes any int (the kernel's own limit), not only 0–65535.
        if ((p.dest.weight = number(v, 0, 2147483647)) === -1) fail('illegal weight specified');
        break;
      case 'u-threshold':
        set('u-threshold');
        if ((p.dest.uThreshold = number(v, 0, 2147483647)) === -1) fail('illegal u_threshold specified');
        break;
      case 'l-threshold':
        set('l-threshold');
        if ((p.dest.lThreshold = number(v, 0, 2147483647)) === -1) fail('illegal l_threshold specified');
        break;
      case 'connection': set('connection'); break;
      case 'numeric': set('numeric'); p.format.numeric = true; break;
      case 'mcast-interface': set('mcast-interface'); p.daemon.ifname = v!.slice(0, 15); break;
      case 'syncid': set('syncid'); if ((p.daemon.syncid = number(v, 0, 255)) === -1) fail('illegal syncid specified'); break;
      case 'timeout': set('timeout'); break;
      case 'daemon': set('daemon'); break;
      case 'stats': set('stats'); p.format.stats = true; break;
      case 'rate': set('rate'); p.format.rate = true; break;
      case 'thresholds': set('thresholds'); p.format.thresholds = true; break;
      case 'persistent-conn': set('persistent-conn'); p.format.persistentConn = true; break;
      case 'nosort': set('nosort'); p.format.nosort = true; break;
      case 'sort': break; // a no-op kept for old scripts
      case 'exact': set('exact'); p.format.exact = true; break;
      case 'ipv6':
        if (!p.svc.fwmark) fail('-6 used before -f\n');
        p.svc.ipv6 = true;
        break;
      case 'ops': set('ops'); p.svc.ops = true; break;
      case 'pe': set('pe'); p.svc.pe = v!.slice(0, 16); break;
      case 'sched-flags': set('sched-flags'); schedFlags = v!; break;
      case 'mcast-group':
        set('mcast-group');
        if (v!.includes(':')) fail(`invalid IPv6 mcast-group \`${v}'`); // IPv6 groups are not simulated
        if (!isIpv4(v!) || Number(v!.split('.')[0]) >> 4 !== 14) fail(`invalid IPv4 mcast-group \`${v}'`);
        p.daemon.group = v!;
        break;
      case 'mcast-port': set('mcast-port'); if ((p.daemon.port = number(v, 1, 65535)) === -1) fail('illegal mcast-port specified'); break;
      case 'mcast-ttl': set('mcast-ttl'); if ((p.daemon.ttl = number(v, 1, 255)) === -1) fail('illegal mcast-ttl specified'); break;
      case 'sync-maxlen': set('sync-maxlen'); if ((p.daemon.maxlen = number(v, 1, 65535 - 28)) === -1) fail('illegal sync-maxlen specified'); break;
      case 'tun-info': set('tun-info'); p.format.tunInfo = true; break;
      case 'tun-type':
        set('tun-type');
        if (v !== 'ipip' && v !== 'gue' && v !== 'gre') fail('illegal tunnel type specified');
        p.dest.tunType = v as Dest['tunType'];
        break;
      case 'tun-port': {
        set('tun-port');
        const n = number(v, 1, 65535);
        if (n === -1) fail('illegal tunnel port specified');
        p.dest.tunPort = n;
        break;
      }
      case 'tun-nocsum': set('tun-nocsum'); p.dest.tunFlags = 'nocsum'; break;
      case 'tun-csum': set('tun-csum'); p.dest.tunFlags = 'csum'; break;
      case 'tun-remcsum': set('tun-remcsum'); p.dest.tunFlags = 'remcsum'; break;
    }
  }
  if (first) throw new Fail(TRY_HELP, 255);
  if (p.cmd === 'set') {
    if (words.length < 3) fail('--set option requires 3 timeout values');
    const t = words.splice(0, 3).map((w) => {
      const n = number(w, 0, 86400 * 31);
      if (n === -1) fail(`invalid timeout value \`${w}' specified`);
      return n;
    });
    p.timeouts = t as [number, number, number];
  }
  if (words.length) fail(`unexpected argument ${words[0]}`);
  if (schedFlags) {
    const sched = p.svc.scheduler || 'wlc';
    const bits = new Set<number>();
    for (const f of schedFlags.split(',')) {
      const def = SCHED_FLAGS[f];
      if (!def) fail(`invalid scheduler flag \`${f}'`);
      if (def!.sched && def!.sched !== sched) fail(`incompatible scheduler flag \`${f}'`);
      bits.add(def!.bit);
    }
    p.svc.flagBits = [...bits].sort();
  }
  const cmd = p.cmd as Cmd;
  // The option table, in option order: required first found missing, forbidden, or a second of "one of".
  let oneOf: Opt | undefined;
  for (const o of OPTS) {
    const r = rule(cmd, o);
    if (!p.options.has(o)) {
      if (r === '+') fail(`You need to supply the '${o}' option for the '${cmd}' command`);
    } else {
      if (r === 'x') fail(`Illegal '${o}' option with the '${cmd}' command`);
      if (r === '1') {
        if (oneOf) fail(`The option '${o}' conflicts with the '${oneOf}' option in the '${cmd}' command`);
        oneOf = o;
      }
    }
  }
  if (cmd === 'add-service' || cmd === 'edit-service') {
    if (!p.svc.fwmark && !p.svc.port && !persistent) fail('Zero port specified for non-persistent service');
    if (p.svc.ops && !p.svc.fwmark && p.svc.protocol !== 'UDP') fail('One-Packet Scheduling is only for UDP virtual services');
    if (!p.svc.scheduler) p.svc.scheduler = 'wlc';
  }
  if (cmd === 'add-server' || cmd === 'edit-server') {
    // DR and TUN cannot change the port: the real server's port is the service's (fwmark aside).
    if (!p.svc.fwmark && (p.dest.forward === 'Tunnel' || p.dest.forward === 'Route')) p.dest.port = p.svc.port;
    const tun = p.options.has('tun-type') || p.options.has('tun-port') || p.options.has('tun-nocsum') || p.options.has('tun-csum') || p.options.has('tun-remcsum');
    if (tun && p.dest.forward !== 'Tunnel') fail('Tunnel options conflict with forward method');
    // Which tunnel options each tunnel type takes: gue needs a port; ipip and gre take none.
    const t = p.dest.tunType;
    if (t === 'gue' && !p.options.has('tun-port')) fail("You need to supply the 'tun-port' option for the 'gue' tunnel type");
    if (t !== 'gue' && p.options.has('tun-port')) fail(`Illegal 'tun-port' option with the '${t}' tunnel type`);
    if (t === 'ipip') for (const o of ['tun-nocsum', 'tun-csum', 'tun-remcsum'] as const) if (p.options.has(o)) fail(`Illegal '${o}' option with the 'ipip' tunnel type`);
    let csum: Opt | undefined;
    for (const o of ['tun-nocsum', 'tun-csum', 'tun-remcsum'] as const) {
      if (!p.options.has(o)) continue;
      if (t === 'gre' && o === 'tun-remcsum') fail("Illegal 'tun-remcsum' option with the 'gre' tunnel type");
      if (csum) fail(`The option '${o}' conflicts with the '${csum}' option in the '${t}' tunnel type`);
      csum = o;
    }
  }
  if (cmd === 'list') {
    const o = (x: Opt) => p.options.has(x);
    if (((o('connection') || o('timeout') || o('daemon')) && (o('stats') || o('rate') || o('thresholds'))) || ((o('timeout') || o('daemon')) && o('persistent-conn'))) {
      fail('options conflicts in the list command');
    }
  }
  return p;
}
