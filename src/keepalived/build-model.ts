/** Reads the model (model.ts) off the parsed tree, applying keepalived's defaults. */
import type { ConfigNode } from './parser';
import type { Checker, CheckerKind, KeepalivedModel, LbKind, RealServer, Scheduler, VirtualServer, VrrpInstance } from './model';
import { isIpPrefix } from './schema/values';
import { arg, kid, kids } from './tree-util';
import { SCHEDULERS } from './diagnose/arguments';

const num = (n: ConfigNode | undefined, fallback: number): number => {
  const v = Number(arg(n));
  return arg(n) !== undefined && Number.isFinite(v) ? v : fallback;
};
const CHECKERS: CheckerKind[] = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK', 'BFD_CHECK'];

function instance(n: ConfigNode, version: 2 | 3): VrrpInstance {
  const vrid = Number(arg(kid(n, 'virtual_router_id')));
  const prio = Number(arg(kid(n, 'priority')));
  const auth = kid(n, 'authentication');
  const authType = arg(kid(auth, 'auth_type'));
  const vips = kids(n, 'virtual_ipaddress').flatMap((b) => b.values ?? []).flatMap((tokens) => {
    const [addr, prefix] = (tokens[0]?.text ?? '').split('/');
    if (!addr || !isIpPrefix(tokens[0]!.text)) return [];
    const devAt = tokens.findIndex((t) => t.text === 'dev');
    return [{ address: addr, ...(prefix ? { prefix: Number(prefix) } : {}), ...(devAt > 0 && tokens[devAt + 1] ? { dev: tokens[devAt + 1]!.text } : {}), line: tokens[0]!.line }];
  });
  const ver = arg(kid(n, 'version'));
  return {
    name: arg(n) ?? '',
    line: n.keyword.line,
    state: arg(kid(n, 'state')) === 'MASTER' ? 'MASTER' : 'BACKUP',
    ...(arg(kid(n, 'interface')) ? { interface: arg(kid(n, 'interface'))! } : {}),
    ...(Number.isInteger(vrid) && vrid >= 1 && vrid <= 255 ? { virtualRouterId: vrid } : {}),
    priority: Number.isInteger(prio) && prio >= 1 && prio <= 255 ? prio : 100,
    advertInt: (() => { const a = num(kid(n, 'advert_int'), 1); return a > 0 ? a : 1; })(),
    version: ver === '3' ? 3 : ver === '2' ? 2 : version,
    preempt: kids(n, 'nopreempt').length === 0,
    preemptDelay: num(kid(n, 'preempt_delay'), 0),
    ...(authType === 'PASS' || authType === 'AH' ? { auth: { type: authType, ...(arg(kid(auth, 'auth_pass')) ? { pass: arg(kid(auth, 'auth_pass'))!.slice(0, 8) } : {}) } } : {}),
    virtualIps: vips,
    unicastPeers: kids(n, 'unicast_peer').flatMap((b) => b.values ?? []).map((t) => t[0]!.text),
    ...(arg(kid(n, 'unicast_src_ip')) ? { unicastSrcIp: arg(kid(n, 'unicast_src_ip'))! } : {}),
    trackScripts: kids(n, 'track_script').flatMap((b) => b.values ?? []).map((t) => {
      const w = t.findIndex((x) => x.text === 'weight');
      return { name: t[0]!.text, ...(w > 0 && t[w + 1] ? { weight: Number(t[w + 1]!.text) } : {}) };
    }),
    trackInterfaces: kids(n, 'track_interface').flatMap((b) => b.values ?? []).map((t) => {
      const w = t.findIndex((x) => x.text === 'weight');
      return { name: t[0]!.text, ...(w > 0 && t[w + 1] ? { weight: Number(t[w + 1]!.text) } : {}) };
    }),
    garpMasterDelay: num(kid(n, 'garp_master_delay'), 5),
  };
}

function checker(n: ConfigNode, rs: ConfigNode, vs: ConfigNode): Checker {
  const inherit = (name: string, fallback: number) => num(kid(n, name) ?? kid(rs, name) ?? kid(vs, name), fallback);
  const port = kid(n, 'connect_port');
  const c: Checker = {
    kind: n.keyword.text as CheckerKind,
    line: n.keyword.line,
    connectTimeout: inherit('connect_timeout', 5),
    retry: num(kid(n, 'retry') ?? kid(n, 'nb_get_retry') ?? kid(rs, 'retry') ?? kid(vs, 'retry'), 1),
    delayBeforeRetry: inherit('delay_before_retry', 1),
    delayLoop: inherit('delay_loop', 60),
  } as Checker;
  if (port) c.connectPort = num(port, 0);
  const urls: Checker['urls'] = [];
  const children = n.children;
  if (children) {
    for (const u of children) {
      if (u.keyword.text !== 'url') continue;
      const url: Checker['urls'][number] = { path: arg(kid(u, 'path')) ?? '/' };
      if (kid(u, 'status_code')) url.statusCode = num(kid(u, 'status_code'), 200);
      if (kid(u, 'digest')) url.digest = arg(kid(u, 'digest'))!;
      urls.push(url);
    }
  }
  c.urls = urls;
  if (n.keyword.text === 'MISC_CHECK' && arg(kid(n, 'misc_path'))) c.miscPath = arg(kid(n, 'misc_path'))!;
  return c;
}

const CHECKER_SET: ReadonlySet<string> = new Set(CHECKERS);

function realServer(n: ConfigNode, vs: ConfigNode, vsInhibit: boolean): RealServer {
  const rs = { address: arg(n) ?? '' } as RealServer;
  if (arg(n, 1) !== undefined) rs.port = Number(arg(n, 1));
  let weight: ConfigNode | undefined;
  let inhibit = false;
  const checkers: Checker[] = [];
  const children = n.children;
  if (children) {
    for (const c of children) {
      const k = c.keyword.text;
      if (k === 'weight') weight = c;
      else if (k === 'inhibit_on_failure') inhibit = true;
      else if (CHECKER_SET.has(k)) checkers.push(checker(c, n, vs));
    }
  }
  rs.weight = num(weight, 1);
  rs.inhibitOnFailure = inhibit || vsInhibit;
  rs.checkers = checkers;
  rs.line = n.keyword.line;
  return rs;
}

const SCHEDULER_FLAG = /^(sh|mh)-(port|fallback)$|^flag-\d$|^ops$/;

function virtualServer(n: ConfigNode): VirtualServer {
  const a0 = arg(n);
  const kind = a0 === 'fwmark' ? 'fwmark' : a0 === 'group' ? 'group' : 'address';
  // One walk over the block: the last of each setting (keepalived keeps the last), the real servers in order.
  let lbAlgo: ConfigNode | undefined, lvsSched: ConfigNode | undefined, lbKindN: ConfigNode | undefined, lvsMethod: ConfigNode | undefined;
  let protocol: ConfigNode | undefined, sorry: ConfigNode | undefined, persTimeout: ConfigNode | undefined, persGran: ConfigNode | undefined, delayLoop: ConfigNode | undefined;
  let inhibit = false;
  const rsNodes: ConfigNode[] = [];
  const schedulerFlags: string[] = [];
  const children = n.children;
  if (children) {
    for (const c of children) {
      const k = c.keyword.text;
      switch (k) {
        case 'lb_algo': lbAlgo = c; break;
        case 'lvs_sched': lvsSched = c; break;
        case 'lb_kind': lbKindN = c; break;
        case 'lvs_method': lvsMethod = c; break;
        case 'protocol': protocol = c; break;
        case 'sorry_server': sorry = c; break;
        case 'persistence_timeout': persTimeout = c; break;
        case 'persistence_granularity': persGran = c; break;
        case 'delay_loop': delayLoop = c; break;
        case 'inhibit_on_failure': inhibit = true; break;
        case 'real_server': rsNodes.push(c); break;
        default: {
          const f = k.charCodeAt(0);
          // s(h-), m(h-), f(lag-), o(ps): the only starts SCHEDULER_FLAG can match.
          if ((f === 115 || f === 109 || f === 102 || f === 111) && SCHEDULER_FLAG.test(k)) schedulerFlags.push(k);
        }
      }
    }
  }
  const algo = arg(lbAlgo ?? lvsSched);
  const lbKind = arg(lbKindN ?? lvsMethod);
  const proto = arg(protocol)?.toUpperCase();
  const vs = { kind } as VirtualServer;
  if (kind === 'address') {
    vs.address = a0 ?? '';
    if (arg(n, 1) !== undefined) vs.port = Number(arg(n, 1));
  }
  if (kind === 'fwmark') vs.fwmark = Number(arg(n, 1));
  if (kind === 'group') vs.group = arg(n, 1) ?? '';
  if (proto === 'TCP' || proto === 'UDP' || proto === 'SCTP') vs.protocol = proto;
  vs.scheduler = (SCHEDULERS as readonly string[]).includes(algo ?? '') ? (algo as Scheduler) : 'wlc';
  vs.lbKind = lbKind === 'DR' || lbKind === 'TUN' || lbKind === 'NAT' ? (lbKind as LbKind) : 'NAT';
  if (persTimeout) vs.persistenceTimeout = num(persTimeout, 360);
  if (arg(persGran)) vs.persistenceGranularity = arg(persGran)!;
  vs.delayLoop = num(delayLoop, 60);
  if (sorry && arg(sorry)) {
    const ss: { address: string; port?: number } = { address: arg(sorry)! };
    if (arg(sorry, 1)) ss.port = Number(arg(sorry, 1));
    vs.sorryServer = ss;
  }
  const realServers: RealServer[] = new Array(rsNodes.length);
  for (let i = 0; i < rsNodes.length; i++) realServers[i] = realServer(rsNodes[i]!, n, inhibit);
  vs.realServers = realServers;
  vs.schedulerFlags = schedulerFlags;
  vs.line = n.keyword.line;
  return vs;
}

export function buildModel(nodes: readonly ConfigNode[]): KeepalivedModel {
  const globals = nodes.filter((n) => n.keyword.text === 'global_defs');
  const g = (name: string) => globals.flatMap((x) => kids(x, name)).at(-1);
  const version = arg(g('vrrp_version')) === '3' ? 3 : 2;
  return {
    ...(arg(g('router_id')) ? { routerId: arg(g('router_id'))! } : {}),
    vrrpStrict: g('vrrp_strict') !== undefined,
    scripts: nodes.filter((n) => n.keyword.text === 'vrrp_script').map((n) => ({
      name: arg(n) ?? '',
      ...(arg(kid(n, 'script')) ? { script: arg(kid(n, 'script'))! } : {}),
      interval: num(kid(n, 'interval'), 1),
      ...(kid(n, 'timeout') ? { timeout: num(kid(n, 'timeout'), 1) } : {}),
      weight: num(kid(n, 'weight'), 0),
      rise: num(kid(n, 'rise'), 1),
      fall: num(kid(n, 'fall'), 1),
      line: n.keyword.line,
    })),
    instances: nodes.filter((n) => n.keyword.text === 'vrrp_instance').map((n) => instance(n, version)),
    syncGroups: nodes.filter((n) => n.keyword.text === 'vrrp_sync_group').map((n) => ({
      name: arg(n) ?? '',
      members: kids(n, 'group').flatMap((b) => b.values ?? []).flatMap((t) => t.map((x) => x.text)),
      line: n.keyword.line,
    })),
    virtualServers: nodes.filter((n) => n.keyword.text === 'virtual_server').map(virtualServer),
  };
}
