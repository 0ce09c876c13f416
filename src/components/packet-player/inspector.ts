/**
 * The header inspector: the frame at the current hop as layers, like a protocol analyser, each
 * field tagged `data-field` for tests and marked when this hop changed it (colour and a word, so
 * the change does not rely on colour alone).
 */
import type { ArpFrame, Hop } from '../../sim/packet';
import type { Strings } from './strings';

type Row = [field: string, label: string, value: string | number];

const esc = (s: string | number) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Layers the reader closed (by key); they stay closed from hop to hop until the packet is clicked. */
export type Closed = ReadonlySet<string>;

function layer(key: string, title: string, rows: Row[], changed: readonly string[], s: Strings, closed: Closed, layerChanged = false): string {
  let hits = 0;
  const body = rows.map(([field, label, value]) => {
    const hit = layerChanged || changed.includes(field);
    if (hit) hits++;
    return `<div class="pp-field${hit ? ' is-changed' : ''}" data-field="${field}"${hit ? ' data-changed="true"' : ''}>`
      + `<dt>${esc(label)}</dt><dd><code>${esc(value)}</code>${hit ? ` <span class="pp-badge">${esc(s.changed)}</span>` : ''}</dd></div>`;
  }).join('');
  // A closed layer still says how many of its fields this hop changed.
  const count = hits ? ` <span class="pp-badge">${esc(s.changedCount.replace('{n}', String(hits)))}</span>` : '';
  return `<details class="pp-layer" data-layer="${key}"${closed.has(key) ? '' : ' open'}><summary><h4>${esc(title)}${count}</h4></summary><dl>${body}</dl></details>`;
}

export function renderHop(h: Hop, s: Strings, closed: Closed = new Set()): string {
  const { ip, l4, outer, toa } = h.packet;
  const parts = [layer('eth', s.eth, [['eth.src', 'src', h.eth.src], ['eth.dst', 'dst', h.eth.dst]], h.changed, s, closed)];
  if (outer) {
    parts.push(layer('outer', s.outer, [
      ['outer.src', 'src', outer.src], ['outer.dst', 'dst', outer.dst], ['outer.proto', 'proto', '4 (IPIP)'],
      ['outer.ttl', 'ttl', outer.ttl], ['outer.len', 'len', outer.len],
    ], h.changed, s, closed, h.changed.includes('outer')));
  }
  parts.push(layer('ip', s.ip, [
    ['ip.src', 'src', ip.src], ['ip.dst', 'dst', ip.dst], ['ip.proto', 'proto', `${ip.proto} (TCP)`],
    ['ip.ttl', 'ttl', ip.ttl], ['ip.len', 'len', ip.len], ['ip.df', 'DF', ip.df ? '1' : '0'],
  ], h.changed, s, closed));
  parts.push(layer('tcp', s.tcp, [
    ['l4.sport', 'sport', l4.sport], ['l4.dport', 'dport', l4.dport], ['l4.flags', 'flags', l4.flags],
    ['l4.seq', 'seq', l4.seq], ['l4.ack', 'ack', l4.ack], ['l4.payload', 'payload', `${l4.payload} B`],
    ['l4.ts', 'timestamps', l4.ts === false ? s.tsOff : s.tsOn],
  ], h.changed, s, closed));
  if (toa) parts.push(layer('toa', s.toa, [['toa.addr', 'addr', toa.addr], ['toa.port', 'port', toa.port]], h.changed, s, closed, h.changed.includes('toa')));
  return parts.join('');
}

export function renderArp(a: ArpFrame, s: Strings, closed: Closed = new Set()): string {
  return layer('arp', `${s.arp} ${a.op}`, [
    ['arp.op', 'op', a.op], ['arp.senderMac', 'sender MAC', a.senderMac], ['arp.senderIp', 'sender IP', a.senderIp],
    ['arp.targetIp', 'target IP', a.targetIp], ['arp.targetMac', 'target MAC', a.targetMac ?? '00:00:00:00:00:00'],
    ['eth.dst', 'eth dst', a.to === 'broadcast' ? 'ff:ff:ff:ff:ff:ff' : (a.targetMac ?? '')],
  ], [], s, closed);
}
