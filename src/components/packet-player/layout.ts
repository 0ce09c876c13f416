/**
 * Where each node and each L2 segment's switch sit in the diagram, per mode. Pure data: the
 * segments and who is on them come from the sim's topology; this only places them.
 */
import type { Mode, NodeId, Topology } from '../../sim/packet';

export interface Point { x: number; y: number }

const NODES: Record<Mode | 'dr-l2', Record<NodeId, Point>> = {
  nat: { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 360, y: 70 }, rs1: { x: 640, y: 80 }, rs2: { x: 640, y: 230 } },
  fullnat: { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 360, y: 70 }, rs1: { x: 640, y: 80 }, rs2: { x: 640, y: 230 } },
  dr: { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 400, y: 55 }, rs1: { x: 640, y: 120 }, rs2: { x: 640, y: 240 } },
  'dr-l2': { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 400, y: 55 }, rs1: { x: 640, y: 150 }, rs2: { x: 640, y: 250 } },
  tun: { client: { x: 50, y: 150 }, router: { x: 200, y: 150 }, director: { x: 420, y: 55 }, rs1: { x: 640, y: 150 }, rs2: { x: 640, y: 250 } },
};

const SWITCHES: Record<Mode | 'dr-l2', Record<string, Point>> = {
  nat: { lan: { x: 270, y: 110 }, rsnet: { x: 500, y: 165 } },
  fullnat: { lan: { x: 270, y: 110 }, rsnet: { x: 500, y: 165 } },
  dr: { lan: { x: 400, y: 170 } },
  'dr-l2': { lan: { x: 300, y: 100 }, rsnet: { x: 460, y: 220 } },
  tun: { lan: { x: 310, y: 100 }, remote: { x: 440, y: 215 } },
};

export interface Layout {
  nodes: Record<NodeId, Point>;
  /** Segment → its switch (none for the point-to-point wan). */
  switches: Record<string, Point>;
  /** Lines: [segment, from point, to point]. */
  wires: Array<{ link: string; a: Point; b: Point }>;
}

export function layoutOf(topo: Topology): Layout {
  const key = topo.mode === 'dr' && topo.links.includes('rsnet') ? 'dr-l2' : topo.mode;
  const nodes = NODES[key];
  const switches = SWITCHES[key];
  const wires: Layout['wires'] = [];
  for (const link of topo.links) {
    const members = Object.values(topo.nodes).filter((n) => n.ifaces.some((i) => i.link === link)).map((n) => n.id);
    const sw = switches[link];
    if (!sw) {
      for (let i = 1; i < members.length; i++) wires.push({ link, a: nodes[members[0]!], b: nodes[members[i]!] });
    } else for (const m of members) wires.push({ link, a: sw, b: nodes[m] });
  }
  return { nodes, switches, wires };
}

/** The points a frame passes from one node to the next: through the segment's switch when there is one. */
export function route(layout: Layout, from: NodeId, to: NodeId, link: string): Point[] {
  const sw = layout.switches[link];
  return sw ? [layout.nodes[from], sw, layout.nodes[to]] : [layout.nodes[from], layout.nodes[to]];
}

/** A point a fraction `f` (0..1) along a polyline. */
export function along(points: Point[], f: number): Point {
  const lens = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  const total = lens.reduce((a, b) => a + b, 0);
  let d = Math.max(0, Math.min(1, f)) * total;
  for (let i = 0; i < lens.length; i++) {
    if (d <= lens[i]! || i === lens.length - 1) {
      const t = lens[i]! === 0 ? 0 : Math.min(1, d / lens[i]!);
      return { x: points[i]!.x + (points[i + 1]!.x - points[i]!.x) * t, y: points[i]!.y + (points[i + 1]!.y - points[i]!.y) * t };
    }
    d -= lens[i]!;
  }
  return points[points.length - 1]!;
}
