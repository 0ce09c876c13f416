/**
 * Where each node and each L2 segment's switch sit in the diagram, per mode and per width. Pure
 * data: the segments and who is on them come from the sim's topology; this only places them.
 */
import type { NodeId, Topology } from '../../sim/packet';

export interface Point { x: number; y: number }

/** Which side of its circle a node's address lines go: where no wire arrives. */
export type LabelSide = 'above' | 'below' | 'right';

export interface Layout {
  name: 'wide' | 'tall';
  width: number;
  height: number;
  nodes: Record<NodeId, Point>;
  labels: Record<NodeId, LabelSide>;
  /** Segment → its switch (none for the point-to-point wan). */
  switches: Record<string, Point>;
  /** Where a switch's name goes: under it (wide) or to its left, away from its wires (tall). */
  switchLabel: 'below' | 'left';
  /** Lines: [segment, from point, to point]. */
  wires: Array<{ link: string; a: Point; b: Point }>;
}

type Shape = Pick<Layout, 'nodes' | 'labels' | 'switches'>;

/**
 * 700 units wide, for lanes of 700 px and more: wires reach the director from below, so its
 * addresses sit above it; RS1's from below-left, RS2's from above-left.
 */
function wide(topo: Topology): Shape {
  const second = topo.links.find((l) => l === 'rsnet' || l === 'remote');
  const labels: Layout['labels'] = { client: 'below', router: 'below', director: 'above', rs1: 'above', rs2: 'below' };
  if (!second) {
    // DR: one segment for the router, the director and both real servers.
    return {
      nodes: { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 390, y: 80 }, rs1: { x: 610, y: 110 }, rs2: { x: 610, y: 250 } },
      labels,
      switches: { lan: { x: 390, y: 190 } },
    };
  }
  return {
    nodes: { client: { x: 50, y: 150 }, router: { x: 180, y: 150 }, director: { x: 360, y: 80 }, rs1: { x: 620, y: 120 }, rs2: { x: 620, y: 250 } },
    labels,
    switches: { lan: { x: 270, y: 115 }, [second]: { x: 500, y: 195 } },
  };
}

/**
 * 330 units wide, for a phone or a lane beside another: the hosts one under the other, their
 * addresses to their right, every segment's switch on a bus to their left.
 */
function tall(topo: Topology): Shape {
  // Far enough from the bus that a packet on a wire passing a host never brushes its glyph.
  const X = 160;
  const BUS = 60;
  const order: NodeId[] = ['client', 'router', 'director', 'rs1', 'rs2'];
  const nodes = Object.fromEntries(order.map((id, i) => [id, { x: X, y: 35 + i * 92 }])) as Record<NodeId, Point>;
  const labels = Object.fromEntries(order.map((id) => [id, 'right'])) as Layout['labels'];
  const switches: Record<string, Point> = {};
  for (const link of topo.links) {
    if (link === 'wan') continue;
    const ys = membersOf(topo, link).map((m) => nodes[m].y);
    switches[link] = { x: BUS, y: ys.reduce((a, b) => a + b, 0) / ys.length };
  }
  return { nodes, labels, switches };
}

const membersOf = (topo: Topology, link: string): NodeId[] =>
  Object.values(topo.nodes).filter((n) => n.ifaces.some((i) => i.link === link)).map((n) => n.id);

/** The layouts a lane can take, widest first (../fit.ts picks one for the lane's width). */
export function layoutsOf(topo: Topology): Layout[] {
  return [
    finish(topo, 'wide', 700, 320, wide(topo), 'below'),
    finish(topo, 'tall', 330, 35 + 4 * 92 + 45, tall(topo), 'left'),
  ];
}

function finish(topo: Topology, name: Layout['name'], width: number, height: number, shape: Shape, switchLabel: Layout['switchLabel']): Layout {
  const { nodes, switches } = shape;
  const wires: Layout['wires'] = [];
  for (const link of topo.links) {
    const members = membersOf(topo, link);
    const sw = switches[link];
    if (!sw) {
      for (let i = 1; i < members.length; i++) wires.push({ link, a: nodes[members[0]!], b: nodes[members[i]!] });
    } else for (const m of members) wires.push({ link, a: sw, b: nodes[m] });
  }
  return { name, width, height, ...shape, switchLabel, wires };
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
