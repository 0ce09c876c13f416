/** VRRP instance specs from parsed keepalived configs: one config per router. */
import type { KeepalivedModel } from '../../keepalived/model';
import type { InstanceSpec } from './router';

export function specsFromModels(models: KeepalivedModel[]): InstanceSpec[] {
  return models.flatMap((m, router) =>
    m.instances.filter((i) => i.virtualRouterId !== undefined).map((i) => ({
      router,
      name: i.name,
      vrid: i.virtualRouterId!,
      priority: i.priority,
      advertInt: i.advertInt,
      version: i.version,
      preempt: i.preempt,
      preemptDelay: i.preemptDelay,
      // The tie-break compares primary addresses; without the host's, the unicast source or the router's index stands in.
      address: i.unicastSrcIp ? Number(i.unicastSrcIp.split('.').reduce((n, o) => n * 256 + Number(o), 0)) : router,
      auth: i.auth ? `${i.auth.type}:${i.auth.pass ?? ''}` : '',
    })),
  );
}
