/**
 * lblc and lblcr: locality-based least-connection, for cache clusters. Each requested (destination)
 * address remembers the server (lblc) or set of servers (lblcr) it went to; a new server is chosen
 * by weighted least-connection only when the remembered one is unusable or overloaded — "overloaded"
 * here meaning more active connections than its weight while some server is below half its weight.
 * (Entries also expire after minutes of idleness; the scenarios carry no time, so none expire here.)
 */
import { overhead, type Dest, type Packet, type Scheduler, type Service } from './dest';
import { wlc } from './least';

function isOverloaded(d: Dest, svc: Service): boolean {
  if (d.activeconns <= d.weight) return false;
  return svc.dests.some((x) => x.activeconns * 2 < x.weight);
}

// __ip_vs_lblc_schedule and __ip_vs_lblcr_schedule are wlc's rule, word for word (wlc reads no packet).
const ANY: Packet = { saddr: '0.0.0.0', sport: 0, daddr: '0.0.0.0', dport: 0 };
export function lblc(svc: Service): Scheduler {
  const table = new Map<string, Dest>();
  const leastConn = wlc(svc);
  const wlcPick = () => leastConn.schedule(ANY);
  return {
    schedule(pkt: Packet) {
      const d = table.get(pkt.daddr);
      if (d && d.available && d.weight > 0 && !isOverloaded(d, svc)) return d;
      const pick = wlcPick();
      if (pick) table.set(pkt.daddr, pick);
      return pick;
    },
  };
}

/** ip_vs_dest_set_min: the least-loaded available server of a set (newest first). */
function setMin(set: Dest[]): Dest | null {
  let i = set.findIndex((d) => !d.overloaded && d.weight > 0 && d.available);
  if (i < 0) return null;
  let least = set[i]!;
  let loh = overhead(least);
  for (i++; i < set.length; i++) {
    const d = set[i]!;
    if (d.overloaded) continue;
    const doh = overhead(d);
    if (loh * d.weight > doh * least.weight && d.available) {
      least = d;
      loh = doh;
    }
  }
  return least;
}

export function lblcr(svc: Service): Scheduler {
  const table = new Map<string, Dest[]>();
  const leastConn = wlc(svc);
  const wlcPick = () => leastConn.schedule(ANY);
  return {
    schedule(pkt: Packet) {
      const set = table.get(pkt.daddr);
      if (set) {
        const d = setMin(set);
        if (d && !isOverloaded(d, svc)) return d;
        const pick = wlcPick();
        if (!pick) return null;
        if (!set.includes(pick)) set.unshift(pick);
        return pick;
      }
      const pick = wlcPick();
      if (pick) table.set(pkt.daddr, [pick]);
      return pick;
    },
  };
}
