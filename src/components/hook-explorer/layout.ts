/** Where each place of the packet-flow diagram sits (SVG units), and the arrows between them. */
import type { Place } from '../../sim/netfilter/path';

export const VIEW = { width: 800, height: 330 } as const;

export const POS: Record<Place, { x: number; y: number }> = {
  'net-in': { x: 50, y: 270 },
  PRE_ROUTING: { x: 170, y: 270 },
  'route-in': { x: 300, y: 270 },
  FORWARD: { x: 430, y: 270 },
  'route-out': { x: 560, y: 270 },
  POST_ROUTING: { x: 670, y: 270 },
  'net-out': { x: 750, y: 200 },
  LOCAL_IN: { x: 300, y: 140 },
  local: { x: 430, y: 50 },
  LOCAL_OUT: { x: 560, y: 140 },
};

export const EDGES: Array<[Place, Place]> = [
  ['net-in', 'PRE_ROUTING'],
  ['PRE_ROUTING', 'route-in'],
  ['route-in', 'FORWARD'],
  ['FORWARD', 'route-out'],
  ['route-out', 'POST_ROUTING'],
  ['POST_ROUTING', 'net-out'],
  ['route-in', 'LOCAL_IN'],
  ['LOCAL_IN', 'local'],
  ['local', 'LOCAL_OUT'],
  ['LOCAL_OUT', 'route-out'],
];

export const HOOK_PLACES = ['PRE_ROUTING', 'LOCAL_IN', 'FORWARD', 'LOCAL_OUT', 'POST_ROUTING'] as const;
