/** VRRP instance specs from parsed keepalived configs: one config per router. */
import type { KeepalivedModel } from '../../keepalived/model';
import type { InstanceSpec } from './router';

const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

export function specsFromModels(models: KeepalivedModel[]): InstanceSpec[] {
  return models.flatMap((m, router) => {
    // keepalived drops a sync group left with fewer than two existing instances; its instance runs alone.
    const defined = new Set(m.instances.map((i) => i.name));
    const groups = new Set(m.syncGroups.filter((g) => g.members.filter((x) => defined.has(x)).length >= 2).map((g) => g.name));
    return m.instances.filter((i) => i.virtualRouterId !== undefined).map((i) => {
      const scripts = new Map(m.scripts.map((s) => [s.name, s]));
      return {
        router,
        name: i.name,
        vrid: i.virtualRouterId!,
        priority: i.priority,
        advertInt: i.advertInt,
        version: i.version,
        preempt: i.preempt,
        preemptDelay: i.preemptDelay,
        // The tie-break compares primary addresses; without the host's, the unicast source or the router's index stands in.
        address: i.unicastSrcIp ? ipNumber(i.unicastSrcIp) : router,
        auth: i.auth ? `${i.auth.type}:${i.auth.pass ?? ''}` : '',
        initialMaster: i.state === 'MASTER',
        unicastPeers: i.unicastPeers.map(ipNumber),
        ...(i.syncGroup && groups.has(i.syncGroup) ? { syncGroup: i.syncGroup } : {}),
        vips: i.virtualIps.map((v) => v.address),
        garpMasterDelay: i.garpMasterDelay,
        // keepalived drops weighted scripts of an address owner; a track_script naming no vrrp_script is ignored too.
        trackScripts: i.trackScripts.flatMap((t) => {
          const s = scripts.get(t.name);
          if (!s) return [];
          const weight = t.weight ?? s.weight;
          if (i.priority === 255 && weight !== 0) return [];
          return [{ name: t.name, weight, interval: s.interval, rise: s.rise, fall: s.fall }];
        }),
        trackInterfaces: i.trackInterfaces.map((t) => ({ name: t.name, weight: t.weight ?? 0 })),
      } satisfies InstanceSpec;
    });
  });
}
