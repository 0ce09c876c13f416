/**
 * Tab completion for the console: the command word, ipvsadm's options (long and short), sysctl
 * names, the addresses the director knows (its services, service:port, real servers), and the
 * virtual services curl and connect can reach.
 */
import { OPTION_DEFS } from './options';
import type { Director } from './director';

export interface Completion {
  /** Offsets of the word being completed. */
  from: number;
  to: number;
  /** Every candidate; the caller inserts the common prefix and lists them when there are several. */
  candidates: string[];
}

const PROGRAMS = ['ipvsadm', 'ipvsadm-save', 'ipvsadm-restore', 'sysctl', 'curl', 'connect', 'disconnect', 'sleep', 'help', 'clear'];

export function commonPrefix(xs: readonly string[]): string {
  if (!xs.length) return '';
  let p = xs[0]!;
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function complete(dir: Director, line: string, cursor = line.length): Completion {
  const before = line.slice(0, cursor);
  const from = before.search(/\S*$/);
  const word = before.slice(from);
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const out = (cands: Iterable<string>) => ({ from, to: cursor, candidates: [...new Set(cands)].filter((c) => c.startsWith(word)).sort() });
  if (words.length === 0) return out(PROGRAMS);
  const prog = words[0]!;
  if (prog === 'sysctl') {
    return out(['-w', 'net.ipv4.vs', ...[...dir.sysctl.keys()].map((k) => `net.ipv4.vs.${k}${words.includes('-w') ? '=' : ''}`)]);
  }
  const tcpServices = dir.services.filter((s) => !s.fwmark && s.protocol === 'TCP').map((s) => `${s.addr}:${s.port}`);
  if (prog === 'curl') return out(word.startsWith('-') ? ['-s', '-S', '-sS', '--local-port'] : tcpServices.flatMap((v) => [v, `http://${v}/`]));
  if (prog === 'connect') return out(word.startsWith('-') ? ['-n', '-c', '--hold', '--close', '--reset'] : tcpServices);
  if (prog !== 'ipvsadm' && prog !== 'ipvsadm-save') return out([]);
  if (word.startsWith('--')) return out(OPTION_DEFS.map((d) => `--${d.long}`));
  if (word.startsWith('-')) return out(OPTION_DEFS.filter((d) => d.short).map((d) => `-${d.short}`));
  const prev = words.at(-1);
  if (prev && /^(-[tuf]|--tcp-service|--udp-service|--sctp-service|--fwmark-service)$/.test(prev)) {
    return out(dir.services.map((s) => (s.fwmark ? String(s.fwmark) : `${s.addr}:${s.port}`)));
  }
  if (prev && /^(-r|--real-server)$/.test(prev)) return out(dir.services.flatMap((s) => s.dests.map((d) => `${d.addr}:${d.port}`)));
  if (prev && /^(-s|--scheduler)$/.test(prev)) return out(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh']);
  return out([]);
}
