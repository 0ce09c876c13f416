/**
 * The IPVS table keepalived builds from a config's virtual_server blocks when it starts, every real
 * server up (no checker has failed yet): one service per virtual_server, its real servers with their
 * weights and thresholds, the forwarding method from lb_kind, persistence, scheduler flags and ops.
 * A `virtual_server group NAME` becomes one service per address (or mark) of its group. When the
 * real servers' weights do not reach the quorum (1) and there is a sorry server, keepalived serves
 * from the sorry server alone (as real keepalived 2.2.7 does on Linux 6.1, test/kernel).
 */
import type { KeepalivedModel, VirtualServer } from '../../keepalived/model';
import { flagBit, type Forward, type IpvsService } from './table';

const FORWARD: Record<VirtualServer['lbKind'], Forward> = { NAT: 'Masq', DR: 'Route', TUN: 'Tunnel' };

export interface KeepalivedTable {
  services: IpvsService[];
  /** Lines of `virtual_server group NAME` blocks whose group is not defined. */
  skipped: number[];
}

/** The (fwmark | address, port) keys a virtual_server stands for. */
function keys(vs: VirtualServer, model: KeepalivedModel): Array<{ fwmark?: number; addr: string; port: number }> | null {
  if (vs.kind === 'fwmark') return [{ fwmark: vs.fwmark ?? 0, addr: '0.0.0.0', port: 0 }];
  if (vs.kind === 'address') return [{ addr: vs.address ?? '', port: vs.port ?? 0 }];
  const group = model.virtualServerGroups.find((g) => g.name === vs.group);
  if (!group) return null;
  return group.entries.flatMap((e) => {
    if ('fwmark' in e) return [{ fwmark: e.fwmark, addr: '0.0.0.0', port: 0 }];
    const first = Number(e.address.split('.')[3]);
    const last = e.lastOctet ?? first;
    const prefix = e.address.split('.').slice(0, 3).join('.');
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => ({ addr: `${prefix}.${first + i}`, port: e.port ?? 0 }));
  });
}

export function ipvsTableFromModel(model: KeepalivedModel): KeepalivedTable {
  const services: IpvsService[] = [];
  const skipped: number[] = [];
  for (const vs of model.virtualServers) {
    const at = keys(vs, model);
    if (!at) {
      skipped.push(vs.line);
      continue;
    }
    const forward = FORWARD[vs.lbKind];
    // What serves the virtual server is the same for each of its keys; only the port may follow the key's.
    const sorry = vs.sorryServer && vs.realServers.reduce((n, rs) => n + rs.weight, 0) < 1 ? vs.sorryServer : undefined;
    const members = sorry
      ? [{ address: sorry.address, port: sorry.port, weight: 1, u: 0, l: 0 }]
      : vs.realServers.map((rs) => ({ address: rs.address, port: rs.port, weight: rs.weight, u: rs.uThreshold ?? 0, l: rs.lThreshold ?? 0 }));
    const flagBits = [...new Set(vs.schedulerFlags.map(flagBit).filter((b): b is number => b !== undefined))].sort();
    for (const key of at) {
      const fwmark = key.fwmark !== undefined;
      const dests = members.map((m) => ({
        addr: m.address, port: fwmark ? 0 : m.port ?? key.port, forward, weight: m.weight,
        uThreshold: m.u, lThreshold: m.l, activeConns: 0, inactConns: 0, persistConns: 0,
      }));
      services.push({
        ...(fwmark ? { fwmark: key.fwmark } : {}),
        protocol: vs.protocol ?? 'TCP',
        addr: key.addr,
        port: key.port,
        scheduler: vs.scheduler,
        flagBits,
        ...(vs.persistenceTimeout !== undefined ? { persistent: vs.persistenceTimeout } : {}),
        ...(vs.persistenceGranularity ? { netmask: vs.persistenceGranularity } : {}),
        ops: vs.schedulerFlags.includes('ops'),
        dests,
      });
    }
  }
  return { services, skipped };
}
