/**
 * Where each place of the packet-flow diagram sits (SVG units), and the arrows between them. Two
 * layouts, picked by the width the diagram gets (../fit.ts): the kernel's path left to right on a
 * desktop, top to bottom on a phone, so that labels are never scaled below their size.
 */
import type { Place } from '../../sim/netfilter/path';

export interface HookLayout {
  name: 'wide' | 'tall';
  width: number;
  height: number;
  pos: Record<Place, { x: number; y: number }>;
  /** Where the packet sits relative to its place: beside the box, never over it. */
  packet: { dx: number; dy: number };
  /** Width of the local-process box. */
  localWidth: number;
  /** Where the words of the places that are not boxes go, away from the arrows. */
  labels: Record<'net-in' | 'net-out' | 'route-in' | 'route-out', Spot>;
  /** Where "+ IPVS" goes beside each hook IPVS registers on, away from the arrows. */
  badges: Record<'LOCAL_IN' | 'FORWARD' | 'LOCAL_OUT', Spot>;
}

export interface Spot { dx: number; dy: number; anchor: 'start' | 'middle' | 'end' }

const WIDE: HookLayout = {
  name: 'wide',
  width: 700,
  height: 330,
  pos: {
    'net-in': { x: 42, y: 270 },
    PRE_ROUTING: { x: 150, y: 270 },
    'route-in': { x: 268, y: 270 },
    FORWARD: { x: 384, y: 270 },
    'route-out': { x: 500, y: 270 },
    POST_ROUTING: { x: 612, y: 270 },
    'net-out': { x: 652, y: 180 },
    LOCAL_IN: { x: 268, y: 140 },
    local: { x: 384, y: 50 },
    LOCAL_OUT: { x: 500, y: 140 },
  },
  packet: { dx: 0, dy: -32 },
  localWidth: 140,
  labels: {
    'net-in': { dx: 0, dy: 30, anchor: 'middle' },
    'net-out': { dx: 0, dy: -10, anchor: 'middle' },
    'route-in': { dx: 0, dy: 36, anchor: 'middle' },
    'route-out': { dx: 0, dy: 36, anchor: 'middle' },
  },
  badges: {
    LOCAL_IN: { dx: 66, dy: 4, anchor: 'start' },
    FORWARD: { dx: 0, dy: 32, anchor: 'middle' },
    LOCAL_OUT: { dx: 66, dy: 4, anchor: 'start' },
  },
};

/** The forward path down the left column; the local path (in, process, out) down the right one. */
const TALL: HookLayout = {
  name: 'tall',
  width: 330,
  height: 540,
  pos: {
    'net-in': { x: 72, y: 22 },
    PRE_ROUTING: { x: 72, y: 90 },
    'route-in': { x: 72, y: 165 },
    FORWARD: { x: 72, y: 270 },
    'route-out': { x: 72, y: 375 },
    POST_ROUTING: { x: 72, y: 445 },
    'net-out': { x: 72, y: 500 },
    LOCAL_IN: { x: 232, y: 205 },
    local: { x: 232, y: 270 },
    LOCAL_OUT: { x: 232, y: 335 },
  },
  packet: { dx: 78, dy: 0 },
  localWidth: 124,
  labels: {
    'net-in': { dx: 14, dy: 4, anchor: 'start' },
    'net-out': { dx: 14, dy: 4, anchor: 'start' },
    'route-in': { dx: 40, dy: -14, anchor: 'start' },
    'route-out': { dx: 40, dy: 22, anchor: 'start' },
  },
  badges: {
    LOCAL_IN: { dx: -66, dy: 4, anchor: 'end' },
    FORWARD: { dx: 66, dy: -22, anchor: 'start' },
    LOCAL_OUT: { dx: -66, dy: 4, anchor: 'end' },
  },
};

export const LAYOUTS: readonly HookLayout[] = [WIDE, TALL];

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
