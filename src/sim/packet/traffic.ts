/**
 * Many connections at once, for the "traffic" view: each connection's packets follow the same
 * hops as the single journey, with the scheduler (rr) alternating the real server. It also counts
 * what the director has to carry — the reason DR and TUN scale and NAT does not.
 */
import { runJourney } from './journey';
import type { Mode, NodeId } from './types';

export interface Flight {
  /** Which connection, from 0. */
  conn: number;
  /** The nodes the packet visits, in order. */
  path: NodeId[];
  /** The L2 segment of each hop (links[i] joins path[i] and path[i + 1]). */
  links: string[];
  direction: 'request' | 'reply';
  bytes: number;
  /** When it leaves the client or the real server, in hop-times from the start. */
  start: number;
}

export interface Traffic {
  flights: Flight[];
  /** Packets and bytes the director forwarded, per direction. */
  director: { request: { packets: number; bytes: number }; reply: { packets: number; bytes: number } };
}

export function traffic(mode: Mode, connections: number, spacing = 0.5): Traffic {
  const j = runJourney({ mode });
  // Group the single journey's hops into packets (segments) and their node paths.
  const segments = new Map<number, { path: NodeId[]; links: string[]; direction: 'request' | 'reply'; bytes: number; at: number }>();
  let t = 0;
  for (const h of j.hops) {
    const seg = segments.get(h.segment);
    if (seg) {
      seg.path.push(h.to);
      seg.links.push(h.link);
    } else segments.set(h.segment, { path: [h.from, h.to], links: [h.link], direction: h.direction, bytes: h.packet.ip.len, at: t });
    t++;
  }
  const real = j.topology.real.map((r) => r.id);
  const flights: Flight[] = [];
  const director = { request: { packets: 0, bytes: 0 }, reply: { packets: 0, bytes: 0 } };
  for (let c = 0; c < connections; c++) {
    const rs = real[c % real.length]!;
    for (const seg of segments.values()) {
      const path = seg.path.map((n) => (n === 'rs1' ? rs : n));
      flights.push({ conn: c, path, links: seg.links, direction: seg.direction, bytes: seg.bytes, start: c * spacing + seg.at });
      if (path.includes('director')) {
        director[seg.direction].packets++;
        director[seg.direction].bytes += seg.bytes;
      }
    }
  }
  return { flights, director };
}
