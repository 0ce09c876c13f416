/**
 * The topology a config describes, drawn as a tree at the width it gets: the directors (this router
 * and its peer, with each VRRP instance's VIPs), then every virtual service (scheduler, method,
 * persistence) with its real servers (weight, checks) and sorry server beneath. Glyphs as in every
 * lab (../roles.ts). A view only: the facts come from the model.
 */
import type { KeepalivedModel } from '../../keepalived/model';
import { rolePath } from '../roles';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const ROW = 34;
const MAX_SERVICES = 12;

interface Row { depth: number; role: 'director' | 'rs' | 'client' | 'router'; text: string; sub?: string; muted?: boolean }

export function topologyRows(m: KeepalivedModel, zh: boolean): Row[] {
  const rows: Row[] = [];
  const vips = m.instances.map((i) => `${i.name}: VRID ${i.virtualRouterId ?? '?'} ${i.interface ?? '?'} → ${i.virtualIps.map((v) => v.address).join(' ') || '—'}`);
  rows.push({ depth: 0, role: 'director', text: `${zh ? '这台路由器' : 'this router'}${m.routerId ? ` (${m.routerId})` : ''}`, sub: m.instances.length ? m.instances.map((i) => `${i.name} ${i.state} ${i.priority}`).join(' · ') : (zh ? '没有 vrrp_instance' : 'no vrrp_instance') });
  if (m.instances.length) rows.push({ depth: 0, role: 'director', text: zh ? '它的对端（BACKUP）' : 'its peer (BACKUP)', sub: vips.join(' · '), muted: true });
  for (const vs of m.virtualServers.slice(0, MAX_SERVICES)) {
    const where = vs.kind === 'fwmark' ? `fwmark ${vs.fwmark}` : vs.kind === 'group' ? `group ${vs.group}` : `${vs.address}:${vs.port ?? 0}`;
    rows.push({ depth: 1, role: 'router', text: `VIP ${where} ${vs.protocol ?? 'TCP'}`, sub: `${vs.scheduler} · ${vs.lbKind}${vs.persistenceTimeout !== undefined ? ` · ${zh ? '持久' : 'persistent'} ${vs.persistenceTimeout}s` : ''}` });
    for (const rs of vs.realServers) rows.push({ depth: 2, role: 'rs', text: `${rs.address}:${rs.port ?? vs.port ?? 0}`, sub: `${zh ? '权重' : 'weight'} ${rs.weight}${rs.checkers.length ? ` · ${rs.checkers.map((c) => c.kind).join(', ')}` : ` · ${zh ? '无检查' : 'no check'}`}` });
    if (vs.sorryServer) rows.push({ depth: 2, role: 'rs', text: `${vs.sorryServer.address}${vs.sorryServer.port ? `:${vs.sorryServer.port}` : ''}`, sub: 'sorry_server', muted: true });
  }
  if (m.virtualServers.length > MAX_SERVICES) rows.push({ depth: 1, role: 'router', text: zh ? `另有 ${m.virtualServers.length - MAX_SERVICES} 个虚拟服务` : `${m.virtualServers.length - MAX_SERVICES} more virtual services`, muted: true });
  return rows;
}

/** The drawing as SVG markup for a host `width` pixels wide (text stays 12 px; sub-lines go below names). */
export function topologySvg(m: KeepalivedModel, zh: boolean, width: number): string {
  const rows = topologyRows(m, zh);
  const W = Math.max(300, width);
  const INDENT = W < 480 ? 22 : 36;
  const parts: string[] = [];
  const y = (i: number) => i * ROW + 18;
  rows.forEach((r, i) => {
    const x = 14 + r.depth * INDENT;
    // A line up to the parent row (the nearest row above with a smaller depth).
    if (r.depth > 0) {
      let p = i - 1;
      while (p >= 0 && rows[p]!.depth >= r.depth) p--;
      if (p >= 0) {
        const px = 14 + rows[p]!.depth * INDENT;
        parts.push(`<path d="M${px},${y(p) + 9}V${y(i)}H${x - 10}" fill="none" stroke="var(--lab-border)" stroke-width="1.5"/>`);
      }
    }
    const fill = r.muted ? 'var(--lab-muted)' : r.role === 'director' ? 'var(--lab-green)' : r.role === 'rs' ? 'var(--lab-blue)' : 'var(--lab-orange)';
    parts.push(`<path d="${rolePath(r.role, 8)}" transform="translate(${x},${y(i)})" fill="${fill}" data-role-glyph="${r.role}"/>`);
    parts.push(`<text x="${x + 14}" y="${y(i) - 2}" font-size="12" fill="currentColor" font-weight="700">${esc(r.text)}</text>`);
    if (r.sub) parts.push(`<text x="${x + 14}" y="${y(i) + 13}" font-size="12" fill="currentColor">${esc(r.sub)}</text>`);
  });
  return `<svg viewBox="0 0 ${W} ${rows.length * ROW + 6}" width="${W}" role="img" aria-label="${esc(zh ? '配置描述的拓扑' : 'The topology the config describes')}">${parts.join('')}</svg>`;
}
