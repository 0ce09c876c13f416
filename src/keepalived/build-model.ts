/** Reads the model (model.ts) off the parsed tree, applying keepalived's defaults. */
import type { ConfigNode } from './parser';
import type { VirtualServerGroup, Checker, CheckerKind, KeepalivedModel, LbKind, RealServer, Scheduler, VirtualServer, VrrpInstance } from './model';
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

/**
 * The settings a checker takes from its real server, else from the virtual server, when it has
 * none of its own: the last of each (as kid() finds them), noted while realServer() and
 * virtualServer() walk their blocks anyway, so no checker searches its parents again.
 */
interface Inherited {
  connectTimeout: ConfigNode | undefined;
  retry: ConfigNode | undefined;
  delayBeforeRetry: ConfigNode | undefined;
  delayLoop: ConfigNode | undefined;
}

// The model's objects are written as whole literals where the usual keys are all there: an object
// that gets its keys one at a time grows a separate property store, and a big file has thousands.

function checker(n: ConfigNode, inh: Inherited): Checker {
  const kind = n.keyword.text as CheckerKind;
  const line = n.keyword.line;
  // One walk over the block: the last of each setting, the urls in order.
  let port: ConfigNode | undefined, timeout: ConfigNode | undefined, retryN: ConfigNode | undefined, nbGetRetry: ConfigNode | undefined;
  let beforeRetry: ConfigNode | undefined, loop: ConfigNode | undefined, misc: ConfigNode | undefined;
  const urls: Checker['urls'] = [];
  const children = n.children;
  if (children) {
    for (const u of children) {
      switch (u.keyword.text) {
        case 'connect_port': port = u; break;
        case 'connect_timeout': timeout = u; break;
        case 'retry': retryN = u; break;
        case 'nb_get_retry': nbGetRetry = u; break;
        case 'delay_before_retry': beforeRetry = u; break;
        case 'delay_loop': loop = u; break;
        case 'misc_path': misc = u; break;
        case 'url': {
          const url: Checker['urls'][number] = { path: arg(kid(u, 'path')) ?? '/' };
          if (kid(u, 'status_code')) url.statusCode = num(kid(u, 'status_code'), 200);
          if (kid(u, 'digest')) url.digest = arg(kid(u, 'digest'))!;
          urls.push(url);
        }
      }
    }
  }
  const connectTimeout = num(timeout ?? inh.connectTimeout, 5);
  const retry = num(retryN ?? nbGetRetry ?? inh.retry, 1);
  const delayBeforeRetry = num(beforeRetry ?? inh.delayBeforeRetry, 1);
  const delayLoop = num(loop ?? inh.delayLoop, 60);
  const miscPath = kind === 'MISC_CHECK' ? arg(misc) : undefined;
  if (!port && !miscPath) return { kind, line, connectTimeout, retry, delayBeforeRetry, delayLoop, urls } as Checker;
  const c = { kind, line, connectTimeout, retry, delayBeforeRetry, delayLoop } as Checker;
  if (port) c.connectPort = num(port, 0);
  c.urls = urls;
  if (miscPath) c.miscPath = miscPath;
  return c;
}

const CHECKER_SET: ReadonlySet<string> = new Set(CHECKERS);

function realServer(n: ConfigNode, vsInh: Inherited, vsInhibit: boolean): RealServer {
  const address = arg(n) ?? '';
  const portArg = arg(n, 1);
  let weight: ConfigNode | undefined;
  let uthreshold: ConfigNode | undefined, lthreshold: ConfigNode | undefined;
  let inhibit = false;
  const checkerNodes: ConfigNode[] = [];
  let connectTimeout: ConfigNode | undefined, retry: ConfigNode | undefined, delayBeforeRetry: ConfigNode | undefined, delayLoop: ConfigNode | undefined;
  const children = n.children;
  if (children) {
    for (const c of children) {
      const k = c.keyword.text;
      if (k === 'weight') weight = c;
      else if (k === 'uthreshold') uthreshold = c;
      else if (k === 'lthreshold') lthreshold = c;
      else if (k === 'inhibit_on_failure') inhibit = true;
      else if (k === 'connect_timeout') connectTimeout = c;
      else if (k === 'retry') retry = c;
      else if (k === 'delay_before_retry') delayBeforeRetry = c;
      else if (k === 'delay_loop') delayLoop = c;
      else if (CHECKER_SET.has(k)) checkerNodes.push(c);
    }
  }
  const inh: Inherited = {
    connectTimeout: connectTimeout ?? vsInh.connectTimeout,
    retry: retry ?? vsInh.retry,
    delayBeforeRetry: delayBeforeRetry ?? vsInh.delayBeforeRetry,
    delayLoop: delayLoop ?? vsInh.delayLoop,
  };
  const checkers: Checker[] = [];
  for (const c of checkerNodes) checkers.push(checker(c, inh));
  const w = num(weight, 1);
  const inhibitOnFailure = inhibit || vsInhibit;
  const line = n.keyword.line;
  const rs: RealServer = portArg !== undefined
    ? { address, port: Number(portArg), weight: w, inhibitOnFailure, checkers, line }
    : { address, weight: w, inhibitOnFailure, checkers, line };
  if (uthreshold) rs.uThreshold = num(uthreshold, 0);
  if (lthreshold) rs.lThreshold = num(lthreshold, 0);
  return rs;
}

const SCHEDULER_FLAG = /^(sh|mh)-(port|fallback)$|^flag-\d$|^ops$/;

function virtualServer(n: ConfigNode): VirtualServer {
  const a0 = arg(n);
  const kind = a0 === 'fwmark' ? 'fwmark' : a0 === 'group' ? 'group' : 'address';
  // One walk over the block: the last of each setting (keepalived keeps the last), the real servers in order.
  let lbAlgo: ConfigNode | undefined, lvsSched: ConfigNode | undefined, lbKindN: ConfigNode | undefined, lvsMethod: ConfigNode | undefined;
  let protocol: ConfigNode | undefined, sorry: ConfigNode | undefined, persTimeout: ConfigNode | undefined, persGran: ConfigNode | undefined, delayLoop: ConfigNode | undefined;
  let connectTimeout: ConfigNode | undefined, retry: ConfigNode | undefined, delayBeforeRetry: ConfigNode | undefined;
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
        case 'connect_timeout': connectTimeout = c; break;
        case 'retry': retry = c; break;
        case 'delay_before_retry': delayBeforeRetry = c; break;
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
  const realServers: RealServer[] = new Array(rsNodes.length);
  const inh: Inherited = { connectTimeout, retry, delayBeforeRetry, delayLoop };
  for (let i = 0; i < rsNodes.length; i++) realServers[i] = realServer(rsNodes[i]!, inh, inhibit);
  const port = arg(n, 1);
  const scheduler = (SCHEDULERS as readonly string[]).includes(algo ?? '') ? (algo as Scheduler) : 'wlc';
  const lbKindV: LbKind = lbKind === 'DR' || lbKind === 'TUN' || lbKind === 'NAT' ? (lbKind as LbKind) : 'NAT';
  if (kind === 'address' && port !== undefined && (proto === 'TCP' || proto === 'UDP' || proto === 'SCTP') && !persTimeout && !arg(persGran) && !(sorry && arg(sorry))) {
    // The usual virtual_server, as one literal (the same keys, in the same order, as below).
    return { kind, address: a0 ?? '', port: Number(port), protocol: proto, scheduler, lbKind: lbKindV, delayLoop: num(delayLoop, 60), realServers, schedulerFlags, line: n.keyword.line };
  }
  const vs = { kind } as VirtualServer;
  if (kind === 'address') {
    vs.address = a0 ?? '';
    if (arg(n, 1) !== undefined) vs.port = Number(arg(n, 1));
  }
  if (kind === 'fwmark') vs.fwmark = Number(arg(n, 1));
  if (kind === 'group') vs.group = arg(n, 1) ?? '';
  if (proto === 'TCP' || proto === 'UDP' || proto === 'SCTP') vs.protocol = proto;
  vs.scheduler = scheduler;
  vs.lbKind = lbKindV;
  if (persTimeout) vs.persistenceTimeout = num(persTimeout, 360);
  if (arg(persGran)) vs.persistenceGranularity = arg(persGran)!;
  vs.delayLoop = num(delayLoop, 60);
  if (sorry && arg(sorry)) {
    const ss: { address: string; port?: number } = { address: arg(sorry)! };
    if (arg(sorry, 1)) ss.port = Number(arg(sorry, 1));
    vs.sorryServer = ss;
  }
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
    virtualServerGroups: nodes.filter((n) => n.keyword.text === 'virtual_server_group').map(virtualServerGroup),
  };
}

function virtualServerGroup(n: ConfigNode): VirtualServerGroup {
  // The group's lines are values (token rows) of the block, not keywords.
  const entries: VirtualServerGroup['entries'] = [];
  for (const row of n.values ?? []) {
    const first = row[0]?.text ?? '';
    const second = row[1]?.text;
    if (first === 'fwmark') {
      if (second && /^\d+$/.test(second)) entries.push({ fwmark: Number(second) });
      continue;
    }
    const m = /^(\d+\.\d+\.\d+\.\d+)(?:-(\d+))?$/.exec(first);
    if (!m) continue;
    entries.push({ address: m[1]!, ...(m[2] ? { lastOctet: Number(m[2]) } : {}), ...(second && /^\d+$/.test(second) ? { port: Number(second) } : {}) });
  }
  return { name: arg(n) ?? '', entries, line: n.keyword.line };
}
