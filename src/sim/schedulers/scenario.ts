/**
 * Replays a scenario (../shared/ipvs-scenarios/SCHEMA.md) against one virtual service: new
 * connections are scheduled and counted active on their server, then closed (inactive) and
 * expired (gone); weights, overload flags and the list itself change as the events say, and the
 * scheduler hears of every change through the same hooks the kernel calls.
 */
import { createRng } from '../core/rng';
import { addDest, bindConn, buildService, makeDest, setThresholds, unbindConn, type Dest } from './dest';
import { SCHEDULERS, FLAGS } from './registry';

export type ScenarioEvent =
  | { op: 'connect'; saddr: string; sport: number; daddr: string; dport: number }
  | { op: 'close'; conn: number }
  | { op: 'expire'; conn: number }
  | { op: 'weight'; dest: number; weight: number }
  | { op: 'overload'; dest: number; on: boolean }
  | { op: 'add'; dest: { addr: string; port: number; weight: number } }
  | { op: 'remove'; dest: number }
  /** An extension of the schema: ipvsadm -e … -x upper -y lower, the way a real director sets overload. */
  | { op: 'threshold'; dest: number; upper: number; lower: number };

export interface Scenario {
  scheduler: string;
  flags: string[];
  dests: Array<{ addr: string; port: number; weight: number }>;
  events: ScenarioEvent[];
}

export interface ReplayResult {
  picks: Array<number | null>;
  /** The connection table at the end, as `ipvsadm -Lnc` would list it (expired entries gone). */
  table: Array<{ client: string; vip: string; dest: string; state: 'ESTABLISHED' | 'TIME_WAIT' }>;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Checks a parsed JSON value against the schema; throws one readable message naming the first problem. */
export function parseScenario(value: unknown): Scenario {
  const fail = (where: string, what: string): never => {
    throw new Error(`scenario ${where}: ${what}`);
  };
  const obj = (v: unknown, where: string) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(where, 'must be an object'));
  const int = (v: unknown, where: string, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(where, `must be a whole number from ${min} to ${max}`);
  const ip = (v: unknown, where: string) => (typeof v === 'string' && IPV4.test(v) ? v : fail(where, 'must be an IPv4 address'));
  const dest = (v: unknown, where: string) => {
    const d = obj(v, where);
    return { addr: ip(d.addr, `${where}.addr`), port: int(d.port, `${where}.port`, 0, 65535), weight: int(d.weight, `${where}.weight`, 0, 2147483647) };
  };
  const root = obj(value, '');
  const scheduler = typeof root.scheduler === 'string' && Object.hasOwn(SCHEDULERS, root.scheduler) ? root.scheduler : fail('scheduler', `must be one of ${Object.keys(SCHEDULERS).join(', ')}`);
  const flags = root.flags === undefined ? [] : Array.isArray(root.flags) ? root.flags : fail('flags', 'must be an array');
  for (const [i, f] of flags.entries()) if (!(FLAGS as readonly unknown[]).includes(f)) fail(`flags[${i}]`, `must be one of ${FLAGS.join(', ')}`);
  const dests = Array.isArray(root.dests) ? root.dests.map((d, i) => dest(d, `dests[${i}]`)) : fail('dests', 'must be an array');
  if (!Array.isArray(root.events)) fail('events', 'must be an array');
  const events = (root.events as unknown[]).map((e, i): ScenarioEvent => {
    const w = `events[${i}]`;
    const ev = obj(e, w);
    switch (ev.op) {
      case 'connect':
        return { op: 'connect', saddr: ip(ev.saddr, `${w}.saddr`), sport: int(ev.sport, `${w}.sport`, 0, 65535), daddr: ip(ev.daddr, `${w}.daddr`), dport: int(ev.dport, `${w}.dport`, 0, 65535) };
      case 'close':
      case 'expire':
        return { op: ev.op, conn: int(ev.conn, `${w}.conn`, 0, 1e9) };
      case 'weight':
        return { op: 'weight', dest: int(ev.dest, `${w}.dest`, 0, 1e9), weight: int(ev.weight, `${w}.weight`, 0, 2147483647) };
      case 'overload':
        return { op: 'overload', dest: int(ev.dest, `${w}.dest`, 0, 1e9), on: typeof ev.on === 'boolean' ? ev.on : fail(`${w}.on`, 'must be true or false') };
      case 'add':
        return { op: 'add', dest: dest(ev.dest, `${w}.dest`) };
      case 'remove':
        return { op: 'remove', dest: int(ev.dest, `${w}.dest`, 0, 1e9) };
      case 'threshold':
        return { op: 'threshold', dest: int(ev.dest, `${w}.dest`, 0, 1e9), upper: int(ev.upper, `${w}.upper`, 0, 2147483647), lower: int(ev.lower, `${w}.lower`, 0, 2147483647) };
      default:
        return fail(`${w}.op`, 'must be connect, close, expire, weight, overload, threshold, add or remove');
    }
  });
  return { scheduler, flags: flags as string[], dests, events };
}

interface Conn {
  dest: Dest;
  state: 'active' | 'inactive' | 'gone';
  client: string;
  vip: string;
}

/** `bits`: the word size of the kernel to agree with (32 for the browser's i386 kernel; see Service.bits). */
export function replay(s: Scenario, seed: string | number = 1, bits: 32 | 64 = 64): ReplayResult {
  const rng = createRng(seed);
  const dests = s.dests.map((d) => makeDest(d.addr, d.port, d.weight));
  const { svc, sched } = buildService(SCHEDULERS[s.scheduler]!, dests, s.flags, () => rng.next(), bits);
  // Removed destinations wait in the kernel's trash (ip_vs_trash_get_dest): added again, they come
  // back with the connections they still count.
  const trash: Dest[] = [];
  const conns: Conn[] = [];
  const picks: Array<number | null> = [];
  const at = (i: number, where: string) => {
    const d = svc.dests[i];
    if (!d) throw new Error(`${where}: there is no destination ${i} (the list has ${svc.dests.length})`);
    return d;
  };
  s.events.forEach((e, n) => {
    const where = `events[${n}]`;
    switch (e.op) {
      case 'connect': {
        const d = sched.schedule({ saddr: e.saddr, sport: e.sport, daddr: e.daddr, dport: e.dport });
        if (d) {
          bindConn(d, true);
          conns.push({ dest: d, state: 'active', client: `${e.saddr}:${e.sport}`, vip: `${e.daddr}:${e.dport}` });
          picks.push(svc.dests.indexOf(d));
        } else {
          // A connection the scheduler refused still takes its number, as the schema counts connects.
          conns.push({ dest: null as unknown as Dest, state: 'gone', client: '', vip: '' });
          picks.push(null);
        }
        break;
      }
      case 'close':
      case 'expire': {
        const c = conns[e.conn];
        if (!c) throw new Error(`${where}: there is no connection ${e.conn} yet`);
        if (c.state === 'gone') break;
        // A removed server's connections get no packet through (ip_vs_in drops them while
        // expire_nodest_conn is 0), so their FIN changes nothing.
        if (e.op === 'close' && c.state === 'active' && c.dest.available) {
          c.dest.activeconns--;
          c.dest.inactconns++;
          c.state = 'inactive';
        } else if (e.op === 'expire') {
          unbindConn(c.dest, c.state === 'active');
          c.state = 'gone';
        }
        break;
      }
      case 'weight': {
        const d = at(e.dest, where);
        d.weight = e.weight;
        if (e.weight !== 0) d.lastWeight = e.weight;
        sched.updDest?.(d);
        break;
      }
      case 'overload':
        at(e.dest, where).overloaded = e.on;
        break;
      case 'threshold': {
        // An edit is an edit: the scheduler's upd_dest runs whatever changed (__ip_vs_update_dest).
        const d = at(e.dest, where);
        setThresholds(d, e.upper, e.lower);
        sched.updDest?.(d);
        break;
      }
      case 'add': {
        if (svc.dests.some((x) => x.addr === e.dest.addr && x.port === e.dest.port)) throw new Error(`${where}: ${e.dest.addr}:${e.dest.port} is already in the list (ipvsadm: Destination already exists)`);
        const old = trash.findIndex((x) => x.addr === e.dest.addr && x.port === e.dest.port);
        const d = old >= 0 ? trash.splice(old, 1)[0]! : makeDest(e.dest.addr, e.dest.port, e.dest.weight);
        d.weight = d.lastWeight = e.dest.weight;
        d.available = true;
        setThresholds(d, 0, 0);
        addDest(svc, sched, d);
        break;
      }
      case 'remove': {
        const d = at(e.dest, where);
        svc.dests.splice(e.dest, 1);
        d.available = false;
        trash.push(d);
        sched.delDest?.(d, e.dest);
        break;
      }
    }
  });
  const table = conns.filter((c) => c.state !== 'gone').map((c) => ({
    client: c.client, vip: c.vip, dest: `${c.dest.addr}:${c.dest.port}`, state: c.state === 'active' ? ('ESTABLISHED' as const) : ('TIME_WAIT' as const),
  }));
  return { picks, table };
}
