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
  return {
    kind: n.keyword.text as CheckerKind,
    line: n.keyword.line,
    connectTimeout: inherit('connect_timeout', 5),
    retry: num(kid(n, 'retry') ?? kid(n, 'nb_get_retry') ?? kid(rs, 'retry') ?? kid(vs, 'retry'), n.keyword.text === 'HTTP_GET' || n.keyword.text === 'SSL_GET' ? 1 : 1),
    delayBeforeRetry: inherit('delay_before_retry', 1),
    delayLoop: inherit('delay_loop', 60),
    ...(port ? { connectPort: num(port, 0) } : {}),
    urls: kids(n, 'url').map((u) => ({
      path: arg(kid(u, 'path')) ?? '/',
      ...(kid(u, 'status_code') ? { statusCode: num(kid(u, 'status_code'), 200) } : {}),
      ...(kid(u, 'digest') ? { digest: arg(kid(u, 'digest'))! } : {}),
    })),
    ...(n.keyword.text === 'MISC_CHECK' && arg(kid(n, 'misc_path')) ? { miscPath: arg(kid(n, 'misc_path'))! } : {}),
  };
}

function realServer(n: ConfigNode, vs: ConfigNode): RealServer {
  return {
    address: arg(n) ?? '',
    ...(arg(n, 1) !== undefined ? { port: Number(arg(n, 1)) } : {}),
    weight: num(kid(n, 'weight'), 1),
    inhibitOnFailure: kids(n, 'inhibit_on_failure').length > 0 || kids(vs, 'inhibit_on_failure').length > 0,
    checkers: (n.children ?? []).filter((c) => CHECKERS.includes(c.keyword.text as CheckerKind)).map((c) => checker(c, n, vs)),
    line: n.keyword.line,
  };
}

function virtualServer(n: ConfigNode): VirtualServer {
  const a0 = arg(n);
  const kind = a0 === 'fwmark' ? 'fwmark' : a0 === 'group' ? 'group' : 'address';
  const algo = arg(kid(n, 'lb_algo') ?? kid(n, 'lvs_sched'));
  const lbKind = arg(kid(n, 'lb_kind') ?? kid(n, 'lvs_method'));
  const proto = arg(kid(n, 'protocol'))?.toUpperCase();
  const sorry = kid(n, 'sorry_server');
  return {
    kind,
    ...(kind === 'address' ? { address: a0 ?? '', ...(arg(n, 1) !== undefined ? { port: Number(arg(n, 1)) } : {}) } : {}),
    ...(kind === 'fwmark' ? { fwmark: Number(arg(n, 1)) } : {}),
    ...(kind === 'group' ? { group: arg(n, 1) ?? '' } : {}),
    ...(proto === 'TCP' || proto === 'UDP' || proto === 'SCTP' ? { protocol: proto } : {}),
    scheduler: (SCHEDULERS as readonly string[]).includes(algo ?? '') ? (algo as Scheduler) : 'wlc',
    lbKind: lbKind === 'DR' || lbKind === 'TUN' || lbKind === 'NAT' ? (lbKind as LbKind) : 'NAT',
    ...(kid(n, 'persistence_timeout') ? { persistenceTimeout: num(kid(n, 'persistence_timeout'), 360) } : {}),
    ...(arg(kid(n, 'persistence_granularity')) ? { persistenceGranularity: arg(kid(n, 'persistence_granularity'))! } : {}),
    delayLoop: num(kid(n, 'delay_loop'), 60),
    ...(sorry && arg(sorry) ? { sorryServer: { address: arg(sorry)!, ...(arg(sorry, 1) ? { port: Number(arg(sorry, 1)) } : {}) } } : {}),
    realServers: kids(n, 'real_server').map((rs) => realServer(rs, n)),
    schedulerFlags: (n.children ?? []).map((c) => c.keyword.text).filter((k) => /^(sh|mh)-(port|fallback)$|^flag-\d$|^ops$/.test(k)),
    line: n.keyword.line,
  };
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
