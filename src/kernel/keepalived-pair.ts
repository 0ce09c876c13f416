/**
 * A config's election on the browser's real kernel: two keepalived routers (the reader's config and
 * its generated peer) in namespaces joined by bridges (test/kernel/guest/keepalived-pair.py), the
 * first stopped gracefully part-way. Pure: the request, the script, and the reading of the answer.
 */
import type { KeepalivedModel } from '../keepalived/model';
import { runCluster } from '../sim/vrrp';
import { specsFromModels } from '../sim/vrrp/from-model';
import { compareElections, COMPARED_STATES, type Difference } from '../sim/vrrp/compare';
import { skewTime } from '../sim/vrrp/timers';

export interface PairRequest {
  configs: [string, string];
  /** Per router: [device, address/prefix] to add besides 10.89.0.1K/24 and 10.89.1.1K/24. */
  addresses: Array<Array<[string, string]>>;
  stopAt: number;
  until: number;
  /** Seconds between router 1's start and router 2's. */
  startGap: number;
}

export interface PairResult {
  transitions: Array<{ at: number; router: number; instance: string; state: string }>;
  /** When each router's keepalived logged "(NAME) sent 0 priority" (a graceful stop acting). */
  priority0: Array<{ at: number; router: number; instance: string }>;
  /** Each keepalived process as router 1 stopped: pid, state, where it waits in the kernel. */
  processes: string;
  logs: [string, string];
  ipvs: { before: [string, string]; after: [string, string] };
  addresses: { before: [string, string]; after: [string, string] };
}

/** Each router's unicast_src_ip on its instance's interface (keepalived sends from it, and the peer expects it). */
export function pairAddresses(models: [KeepalivedModel, KeepalivedModel]): PairRequest['addresses'] {
  return models.map((m) => {
    const seen = new Set<string>();
    return m.instances.flatMap((i): Array<[string, string]> => {
      if (!i.unicastSrcIp || seen.has(i.unicastSrcIp)) return [];
      seen.add(i.unicastSrcIp);
      return [[i.interface ?? 'eth0', `${i.unicastSrcIp}/32`]];
    });
  });
}

const END = 'LVS_LAB_PAIR_END';

export function pairScript(req: PairRequest): string {
  const body = JSON.stringify({ configs: req.configs, addresses: req.addresses, stop_at: req.stopAt, until: req.until, start_gap: req.startGap });
  return [`cat > /tmp/pair.json <<'${END}'`, body, END, 'python3 /guest/keepalived-pair.py /tmp/pair.json', ''].join('\n');
}

export function readPair(output: string): PairResult {
  const line = output.split('\n').find((l) => l.startsWith('PAIR '));
  if (!line) throw new Error(`the routers did not report:\n${output.slice(-1500)}`);
  return JSON.parse(line.slice(5)) as PairResult;
}

/** When router 1 stops and the run ends: after a first election has had time, and a takeover after it. */
export function pairTiming(advertInts: number[]): { stopAt: number; until: number; startGap: number } {
  const adv = Math.max(1, ...advertInts);
  const startGap = 1;
  const stopAt = Math.ceil(startGap + 3 * adv + skewTime(1, adv, 2) + 3);
  return { stopAt, until: stopAt + Math.ceil(3 * adv + 3), startGap };
}

export interface PairComparison {
  /** The simulation's state changes (BACKUP, MASTER, FAULT). */
  sim: Array<{ at: number; router: number; instance: string; state: string }>;
  diffs: Difference[];
  /** Whether there was an election to compare (an instance with a virtual_router_id). */
  elected: boolean;
}

/**
 * The same two configs in the simulation, each router starting when its real keepalived finished
 * starting (its first BACKUP), router 1 stopping when its real keepalived sent priority 0: an
 * emulator starts a process, and delivers a signal to it, more slowly than a real machine, and
 * neither is VRRP. Every state change is compared.
 */
export function compareWithSimulation(models: [KeepalivedModel, KeepalivedModel], real: PairResult, stopAt: number, until: number): PairComparison {
  const starts = [0, 1].map((r) => real.transitions.find((x) => x.router === r)?.at ?? 0);
  const stopped = real.priority0.find((p) => p.router === 0 && p.at >= stopAt)?.at ?? stopAt;
  const specs = specsFromModels(models).map((s) => ({ ...s, start: starts[s.router] ?? 0 }));
  const sim = runCluster(specs, [{ at: stopped, router: 0, action: 'stop' }], until)
    .transitions.filter((x) => COMPARED_STATES.includes(x.to))
    .map((x) => ({ at: x.at, router: x.router, instance: x.instance, state: x.to }));
  const diffs = compareElections(real.transitions, sim, [0, stopped, ...starts], starts.map((s) => [s]));
  return { sim, diffs, elected: specs.length > 0 };
}
