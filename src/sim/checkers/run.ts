/**
 * keepalived 2.2.7's health checkers on the simulation core: each checker's attempt/retry loop as
 * its epilog function decides it (check_tcp.c tcp_epilog, check_http.c epilog/timeout_epilog,
 * check_ping.c icmp_epilog, check_misc.c misc_check_child_thread), the real server's state from all
 * its checkers (ipwrapper.c update_svr_checker_state: up only when num_failed_checkers is 0), the
 * IPVS table (ipvswrapper.c ipvs_cmd: inhibit_on_failure turns a delete into weight 0) and the
 * sorry server (ipwrapper.c update_quorum_state). Every change is a logged event in English and Chinese.
 */
import { Simulation, record, type Text, type Timeline } from '../core';
import type { VirtualServer } from '../../keepalived';
import { serverLabel, specFromModel, type CheckerSpec, type HealthOptions, type ServerSpec, type VsSpec } from './spec';
import { applyWorld, describeWorld, healthyWorld, probe, type Outcome, type ServerWorld, type WorldEvent } from './world';

export interface CheckerView {
  id: string;
  kind: string;
  state: 'UP' | 'DOWN';
  simulated: boolean;
  /** An attempt is in flight. */
  busy: boolean;
  /** Consecutive failed attempts. */
  failed: number;
  /** keepalived's retry_it and the configured retry. */
  retryIt: number;
  retry: number;
  /** Seconds: when the current wait (or attempt) began, and when it ends (next attempt, or the attempt's deadline). */
  since: number;
  next: number | null;
  last?: Text;
}

export interface ServerView {
  label: string;
  world: ServerWorld['mode'];
  /** Seconds a slow server takes to answer (0 unless world is `slow`). */
  slowBy: number;
  alive: boolean;
  inIpvs: boolean;
  /** Weight in the IPVS table (null when not in it). */
  weight: number | null;
  configuredWeight: number;
  inhibit: boolean;
  checkers: CheckerView[];
}

export interface IpvsEntry {
  server: string;
  weight: number;
  sorry: boolean;
}

export interface HealthState {
  /** Seconds. */
  t: number;
  vs: string;
  servers: ServerView[];
  sorry?: { label: string; active: boolean; inIpvs: boolean; weight: number | null; inhibit: boolean };
  quorumUp: boolean;
  ipvs: IpvsEntry[];
}

export interface HealthTransition {
  /** Seconds. */
  at: number;
  server: string;
  /** The checker (`TCP_CHECK`…), `ipvs` for the real server's entry, `sorry_server` for the sorry server's. */
  checker: string;
  /** Checkers: UP/DOWN. Table entries: `absent` or `weight N`. */
  from: string;
  to: string;
  reason: string;
}

export interface HealthRun {
  timeline: Timeline<HealthState>;
  transitions: HealthTransition[];
  /** The IPVS table at `until`. */
  ipvs: IpvsEntry[];
  spec: VsSpec;
}

/** keepalived starts its checkers BOOTSTRAP_DELAY (1 s) after start, plus a random part of warmup. */
const BOOTSTRAP = 1000;
const ms = (s: number) => Math.round(s * 1000);
const sec = (t: number) => Math.round(t) / 1000;
const fmt = (s: number) => String(Math.round(s * 1000) / 1000);
/** real_weight() in check_data.h: negative weights count as 0. */
const realWeight = (w: number) => Math.max(0, w);

interface Dest {
  label: string;
  inhibit: boolean;
  /** effective_weight: the configured weight plus MISC_CHECK dynamic adjustments. */
  eff: number;
  iweight: number;
  set: boolean;
  tableWeight: number;
  alive: boolean;
  numFailed: number;
  sorry: boolean;
}

interface Rs extends Dest {
  spec: ServerSpec;
  world: ServerWorld;
  checkers: Ck[];
}

interface Ck {
  spec: CheckerSpec;
  rs: Rs;
  isUp: boolean;
  hasRun: boolean;
  retryIt: number;
  failed: number;
  busy: boolean;
  since: number;
  next: number | null;
  last?: Text;
  /** HTTP_GET: the url being checked and the one that failed (check_http.c url_it, failed_url). */
  urlIt: number | null;
  failedUrl: number | null;
  /** MISC_CHECK: cur_weight, last_exit_code, last_ran. */
  curWeight: number;
  lastExit: number;
  lastRan: number;
}

interface Epilog {
  /** Absolute virtual time (ms) of the next attempt. */
  nextAt: number;
  /** Ask update_svr_checker_state for this state. */
  change?: boolean;
  /** MISC_CHECK misc_dynamic: the new effective weight. */
  weight?: number;
  /** What comes next, in words. */
  then: Text;
}

/** Run the checkers of a model's virtual server against a scripted world until `until` seconds. */
export function runHealthChecks(vs: VirtualServer, world: WorldEvent[], until: number, opts: HealthOptions = {}): HealthRun {
  return runSpec(specFromModel(vs, opts), world, until, opts.seed);
}

export function findServer(spec: VsSpec, server: number | string): number {
  if (typeof server === 'number') return Number.isInteger(server) && server >= 0 && server < spec.servers.length ? server : -1;
  return spec.servers.findIndex((s) => serverLabel(s) === server || s.address === server);
}

export function runSpec(spec: VsSpec, world: WorldEvent[], until: number, seed: string | number = 1): HealthRun {
  const sim = new Simulation(seed);
  const transitions: HealthTransition[] = [];
  let starting = true;
  let quorumUp = false;

  const say = (actor: string, kind: string, data: unknown, text: Text) => {
    if (!starting) sim.emit(actor, kind, data, text);
  };
  const transition = (server: string, checker: string, from: string, to: string, reason: string) =>
    transitions.push({ at: sec(sim.now()), server, checker, from, to, reason });

  const servers: Rs[] = spec.servers.map((s) => {
    const rs: Rs = {
      spec: s, label: serverLabel(s), inhibit: s.inhibit, eff: s.weight, iweight: s.weight, set: false, tableWeight: 0,
      alive: false, numFailed: 0, sorry: false, world: healthyWorld(), checkers: [],
    };
    rs.checkers = s.checkers.map((c) => ({
      spec: c, rs, isUp: true, hasRun: false, retryIt: c.retry, failed: 0, busy: false, since: 0, next: null,
      urlIt: 0, failedUrl: null, curWeight: 0, lastExit: 0, lastRan: 0,
    }));
    return rs;
  });
  const sorry: Dest | undefined = spec.sorry
    ? { label: serverLabel(spec.sorry), inhibit: spec.sorry.inhibit, eff: 1, iweight: 1, set: false, tableWeight: 0, alive: false, numFailed: 0, sorry: true }
    : undefined;

  // ---- The IPVS table (ipvswrapper.c ipvs_cmd) ----
  const entry = (d: Dest) => (d.set ? `weight ${d.tableWeight}` : 'absent');
  function tableText(d: Dest, before: number | null, after: number | null, why: Text): Text {
    const who = d.sorry ? { en: `sorry server ${d.label}`, zh: `sorry server ${d.label}` } : { en: d.label, zh: d.label };
    let t: Text;
    if (before === null) t = { en: `${who.en} added to IPVS with weight ${after}`, zh: `${who.zh} 加入 IPVS，权重 ${after}` };
    else if (after === null) t = { en: `${who.en} removed from IPVS`, zh: `${who.zh} 从 IPVS 中删除` };
    else if (after === 0) t = { en: `${who.en}: weight ${before} → 0 in IPVS (kept in the table: no new connections, open ones finish)`, zh: `${who.zh}：IPVS 中权重 ${before} → 0（仍留在表中：不再分配新连接，已有连接继续）` };
    else t = { en: `${who.en}: weight ${before} → ${after} in IPVS`, zh: `${who.zh}：IPVS 中权重 ${before} → ${after}` };
    return { en: `${t.en} — ${why.en}`, zh: `${t.zh}——${why.zh}` };
  }
  function setTable(d: Dest, set: boolean, weight: number, why: Text) {
    const before = d.set ? d.tableWeight : null;
    d.set = set;
    d.tableWeight = set ? weight : 0;
    const after = d.set ? d.tableWeight : null;
    if (before === after) return;
    transition(d.label, d.sorry ? 'sorry_server' : 'ipvs', before === null ? 'absent' : `weight ${before}`, entry(d), why.en);
    say(d.label, 'ipvs.dest', { server: d.label, sorry: d.sorry, weight: after }, tableText(d, before, after, why));
  }
  function ipvsCmd(cmd: 'ADD' | 'DEL', d: Dest, why: Text) {
    let weight = realWeight(d.eff);
    if (cmd === 'DEL' && d.inhibit) return setTable(d, true, 0, why);
    if (cmd === 'ADD' && d.inhibit && d.set) return setTable(d, true, weight, why);
    if (cmd === 'ADD' && !d.set && d.inhibit && d.numFailed) weight = 0;
    if (cmd === 'ADD') return setTable(d, true, weight, why);
    return setTable(d, false, 0, why);
  }

  // ---- Quorum and the sorry server (ipwrapper.c) ----
  const weighLive = () => servers.reduce((n, rs) => n + (rs.alive ? realWeight(rs.eff) : 0), 0);
  function performQuorumState(add: boolean, why: Text) {
    for (const rs of servers) if (rs.alive) ipvsCmd(add ? 'ADD' : 'DEL', rs, why);
  }
  function updateQuorumState(init: boolean) {
    const sum = weighLive();
    const threshold = spec.quorum + (quorumUp ? -1 : 1) * spec.hysteresis;
    if (!quorumUp && sum >= threshold) {
      quorumUp = true;
      say('keepalived', 'quorum.up', { sum, threshold }, {
        en: `Quorum regained: live weight ${sum} ≥ ${threshold}`,
        zh: `恢复 quorum：存活权重 ${sum} ≥ ${threshold}`,
      });
      if (sorry && sorry.alive) {
        const why = { en: 'a real server is back, the sorry server steps aside', zh: '有真实服务器恢复，sorry server 让位' };
        ipvsCmd('DEL', sorry, why);
        sorry.alive = false;
        performQuorumState(true, why);
      }
    } else if ((quorumUp && (!sum || sum < threshold)) || (init && !quorumUp && sorry && !sorry.alive)) {
      quorumUp = false;
      say('keepalived', 'quorum.down', { sum, threshold }, sorry
        ? { en: `Quorum lost: live weight ${sum} < ${spec.quorum} — the sorry server takes the traffic`, zh: `失去 quorum：存活权重 ${sum} < ${spec.quorum}——由 sorry server 接管流量` }
        : { en: `Quorum lost: live weight ${sum} < ${spec.quorum} — no sorry_server, so connections to ${spec.label} fail`, zh: `失去 quorum：存活权重 ${sum} < ${spec.quorum}——没有 sorry_server，访问 ${spec.label} 的连接会失败` });
      if (sorry && !sorry.alive) {
        const why = { en: 'no real server left', zh: '没有可用的真实服务器了' };
        performQuorumState(false, why);
        ipvsCmd('ADD', sorry, why);
        sorry.alive = true;
      }
    }
  }
  function performSvrState(alive: boolean, ck: Ck) {
    const rs = ck.rs;
    if (rs.alive === alive) return;
    const why = alive
      ? { en: 'all its checkers are up', zh: '它的所有检查器都正常' }
      : { en: `${ck.spec.id} failed`, zh: `${ck.spec.id} 失败` };
    // keepalived changes the table only while it has quorum or no active sorry server.
    if (quorumUp || !sorry || !sorry.alive) ipvsCmd(alive ? 'ADD' : 'DEL', rs, why);
    rs.alive = alive;
    updateQuorumState(false);
  }
  function setCheckerState(ck: Ck, up: boolean, reason: Text) {
    if (ck.isUp === up) return;
    ck.isUp = up;
    if (!up) ck.rs.numFailed++;
    else if (ck.rs.numFailed) ck.rs.numFailed--;
    transition(ck.rs.label, ck.spec.id, up ? 'DOWN' : 'UP', up ? 'UP' : 'DOWN', reason.en);
    const others = ck.rs.numFailed;
    const tail = up && others
      ? { en: ` — ${ck.rs.label} stays out: ${others} other checker${others > 1 ? 's' : ''} still down`, zh: `——${ck.rs.label} 仍不加入：还有 ${others} 个检查器处于 DOWN` }
      : { en: '', zh: '' };
    say(ck.rs.label, 'checker.state', { server: ck.rs.label, checker: ck.spec.id, state: up ? 'UP' : 'DOWN' }, {
      en: `${ck.rs.label} ${ck.spec.id}: ${up ? 'DOWN → UP' : 'UP → DOWN'} (${reason.en})${tail.en}`,
      zh: `${ck.rs.label} ${ck.spec.id}：${up ? 'DOWN → UP' : 'UP → DOWN'}（${reason.zh}）${tail.zh}`,
    });
  }
  function updateSvrCheckerState(alive: boolean, ck: Ck, reason: Text) {
    if (ck.isUp === alive) {
      ck.hasRun = true;
      return;
    }
    ck.hasRun = true;
    const perform = alive ? ck.rs.numFailed <= 1 : ck.rs.numFailed === 0;
    setCheckerState(ck, alive, reason);
    if (perform) performSvrState(alive, ck);
  }
  function updateSvrWgt(weight: number, rs: Rs) {
    const newW = realWeight(weight);
    const oldW = realWeight(rs.eff);
    rs.eff = weight;
    if (newW === oldW) return;
    const why = { en: 'misc_dynamic: the script\'s exit code sets the weight', zh: 'misc_dynamic：脚本退出码决定权重' };
    if (rs.set && rs.alive && (quorumUp || !sorry || !sorry.alive)) setTable(rs, true, newW, why);
    else say(rs.label, 'rs.weight', { server: rs.label, weight: newW }, {
      en: `${rs.label}: weight will be ${newW} when it is back in IPVS (misc_dynamic)`,
      zh: `${rs.label}：回到 IPVS 时权重将是 ${newW}（misc_dynamic）`,
    });
    updateQuorumState(false);
  }

  // ---- One attempt, and each checker type's epilog ----
  const attemptName = (ck: Ck): Text => {
    const c = ck.spec;
    const http = c.kind === 'HTTP_GET' || c.kind === 'SSL_GET';
    const retrying = ck.hasRun && ck.retryIt > 0 && ck.retryIt <= c.retry && (!http || ck.failedUrl === null);
    return retrying ? { en: `retry ${ck.retryIt} of ${c.retry}`, zh: `第 ${ck.retryIt}/${c.retry} 次重试` } : { en: 'check', zh: '检查' };
  };
  const what = (c: CheckerSpec, urlIt: number | null): Text => {
    switch (c.kind) {
      case 'HTTP_GET': case 'SSL_GET': {
        const u = c.urls[urlIt ?? 0]?.path ?? '/';
        return { en: `GET ${u}`, zh: `GET ${u}` };
      }
      case 'PING_CHECK': return { en: 'ICMP echo', zh: 'ICMP echo' };
      case 'MISC_CHECK': return { en: 'runs its script', zh: '运行脚本' };
      default: return { en: 'TCP connect', zh: 'TCP 连接' };
    }
  };
  function outcomeText(ck: Ck, o: Outcome): Text {
    const c = ck.spec;
    if (o.ok) {
      if (c.kind === 'MISC_CHECK') return { en: `script exited ${o.exit ?? 0}`, zh: `脚本退出码 ${o.exit ?? 0}` };
      const late = o.after > 0 ? { en: ` after ${fmt(o.after)} s`, zh: `（用时 ${fmt(o.after)} 秒）` } : { en: '', zh: '' };
      if (c.kind === 'HTTP_GET' || c.kind === 'SSL_GET') return { en: `HTTP ${o.status}${late.en}`, zh: `返回 HTTP ${o.status}${late.zh}` };
      if (c.kind === 'PING_CHECK') return { en: 'echo reply', zh: '收到 echo reply' };
      return { en: `connected${late.en}`, zh: `连接成功${late.zh}` };
    }
    switch (o.why) {
      case 'timeout': return { en: `no answer within connect_timeout ${fmt(c.connectTimeout)} s`, zh: `connect_timeout ${fmt(c.connectTimeout)} 秒内无应答` };
      case 'refused': return { en: 'connection refused', zh: '连接被拒绝' };
      case 'status': return { en: `HTTP ${o.status}, expected ${codesText(c.urls[ck.urlIt ?? 0]?.codes ?? [])}`, zh: `返回 HTTP ${o.status}，期望 ${codesText(c.urls[ck.urlIt ?? 0]?.codes ?? [])}` };
      case 'exit': return { en: `script exited ${o.exit}`, zh: `脚本退出码 ${o.exit}` };
      case 'killed': return { en: `script killed after misc_timeout ${fmt(c.miscTimeout)} s`, zh: `脚本超过 misc_timeout ${fmt(c.miscTimeout)} 秒被杀掉` };
    }
  }
  const nextText = (ck: Ck, at: number, retry: boolean): Text => retry
    ? { en: `retry ${ck.retryIt} of ${ck.spec.retry} at ${fmt(sec(at))} s`, zh: `${fmt(sec(at))} 秒第 ${ck.retryIt}/${ck.spec.retry} 次重试` }
    : { en: `next check at ${fmt(sec(at))} s`, zh: `下次检查在 ${fmt(sec(at))} 秒` };

  /** tcp_epilog (TCP_CHECK; SMTP_CHECK and UDP_CHECK are approximated by it). */
  function tcpEpilog(ck: Ck, ok: boolean): Epilog {
    const c = ck.spec;
    const now = sim.now();
    let change: boolean | undefined;
    let delay: number;
    let retry = false;
    if (ok || ck.retryIt >= c.retry) {
      delay = ms(c.delayLoop);
      ck.retryIt = 0;
      if (ok && (!ck.isUp || !ck.hasRun)) change = true;
      else if (!ok && (ck.isUp || !ck.hasRun)) change = false;
    } else {
      delay = ms(c.delayBeforeRetry);
      ck.retryIt++;
      retry = true;
    }
    ck.hasRun = true;
    return { nextAt: now + delay, ...(change !== undefined ? { change } : {}), then: nextText(ck, now + delay, retry) };
  }
  /** icmp_epilog: retries only while the checker is up. */
  function pingEpilog(ck: Ck, ok: boolean): Epilog {
    const c = ck.spec;
    const now = sim.now();
    let change: boolean | undefined;
    let delay = ms(c.delayLoop);
    let retry = false;
    if (ok || ((ck.isUp || !ck.hasRun) && ck.retryIt >= c.retry)) {
      ck.retryIt = 0;
      if (ok && (!ck.isUp || !ck.hasRun)) change = true;
      else if (!ok && (ck.isUp || !ck.hasRun)) change = false;
    } else if (ck.isUp) {
      delay = ms(c.delayBeforeRetry);
      ck.retryIt++;
      retry = true;
    }
    ck.hasRun = true;
    return { nextAt: now + delay, ...(change !== undefined ? { change } : {}), then: nextText(ck, now + delay, retry) };
  }
  /**
   * check_http.c epilog + timeout_epilog: urls are fetched one per delay_loop; a url is retried while
   * the checker is up; once down, keepalived polls the failed url every max(delay_before_retry,
   * delay_loop) without retries, and after it answers again every url must pass once more (one per
   * delay_loop) before the checker is UP.
   */
  function httpEpilog(ck: Ck, ok: boolean): Epilog {
    const c = ck.spec;
    const now = sim.now();
    let method: 'NEW' | 'RETRY' | 'FAILED';
    let change: boolean | undefined;
    if (ok) method = 'NEW';
    else if (ck.isUp || !ck.hasRun) {
      ck.hasRun = true;
      method = 'RETRY';
    } else method = 'FAILED';
    if (method === 'NEW') {
      ck.urlIt = ck.urlIt === null || ck.urlIt >= c.urls.length - 1 ? null : ck.urlIt + 1;
      ck.retryIt = 0;
    } else if (method === 'RETRY') ck.retryIt++;
    if (method === 'NEW' && ck.urlIt === null && ck.failedUrl === null) {
      if (!ck.isUp || !ck.hasRun) {
        change = true;
        ck.hasRun = true;
      }
      ck.urlIt = 0;
      ck.retryIt = 0;
    } else if (method === 'RETRY' && ck.retryIt > c.retry) {
      if (ck.isUp || !ck.hasRun) change = false;
      ck.failedUrl = ck.urlIt;
    } else if (method === 'NEW' && ck.failedUrl !== null) {
      ck.failedUrl = null;
      ck.urlIt = 0;
      ck.retryIt = 0;
    }
    let delay: number;
    let retry = false;
    if (method === 'NEW') {
      delay = ms(c.delayLoop);
      if (!ck.hasRun) ck.retryIt = c.retry;
    } else if (ck.failedUrl !== null) delay = ms(Math.max(c.delayBeforeRetry, c.delayLoop));
    else {
      delay = ms(c.delayBeforeRetry);
      retry = ck.retryIt > 0 && ck.retryIt <= c.retry;
    }
    return { nextAt: now + delay, ...(change !== undefined ? { change } : {}), then: nextText(ck, now + delay, retry) };
  }
  /** misc_check_child_thread: the next run is timed from the script's start (last_ran). */
  function miscEpilog(ck: Ck, o: Outcome): Epilog {
    const c = ck.spec;
    const now = sim.now();
    let change: boolean | undefined;
    let weight: number | undefined;
    if (o.ok || o.why === 'exit') {
      const status = o.exit ?? 0;
      if (status === 0 || (c.miscDynamic && status >= 2 && status <= 255)) {
        if (status !== ck.lastExit) {
          let eff = ck.rs.eff - ck.curWeight;
          ck.curWeight = status ? status - 2 - ck.rs.iweight : 0;
          eff += ck.curWeight;
          weight = eff;
          ck.lastExit = status;
        }
        if (!ck.isUp || !ck.hasRun) change = true;
        ck.retryIt = 0;
      } else if (ck.isUp || !ck.hasRun) {
        if (ck.retryIt < c.retry) ck.retryIt++;
        else {
          ck.retryIt = 0;
          ck.rs.eff -= ck.curWeight;
          ck.curWeight = 0;
          ck.lastExit = status;
          change = false;
        }
      }
    } else if (ck.isUp || !ck.hasRun) {
      // Killed after misc_timeout: a failure; keepalived leaves effective_weight as it was here.
      if (ck.retryIt < c.retry) ck.retryIt++;
      else {
        ck.retryIt = 0;
        change = false;
      }
    }
    const nextAt = Math.max(now, ck.lastRan + ms(ck.retryIt ? c.delayBeforeRetry : c.delayLoop));
    ck.hasRun = true;
    return { nextAt, ...(change !== undefined ? { change } : {}), ...(weight !== undefined ? { weight } : {}), then: nextText(ck, nextAt, ck.retryIt > 0) };
  }

  function launch(ck: Ck) {
    const c = ck.spec;
    const start = sim.now();
    const urlIt = ck.urlIt;
    const o = probe(c, ck.rs.world, urlIt ?? 0);
    ck.busy = true;
    ck.since = start;
    ck.next = start + ms(o.after);
    ck.lastRan = start;
    const name = attemptName(ck);
    // An attempt that ends at once is told by its result alone; a slow one gets a frame while it waits.
    if (o.after > 0) {
      const wait = c.kind === 'MISC_CHECK' ? { en: `misc_timeout ${fmt(c.miscTimeout)} s`, zh: `misc_timeout ${fmt(c.miscTimeout)} 秒` } : { en: `connect_timeout ${fmt(c.connectTimeout)} s`, zh: `connect_timeout ${fmt(c.connectTimeout)} 秒` };
      say(ck.rs.label, 'check.attempt', { server: ck.rs.label, checker: c.id }, {
        en: `${ck.rs.label} ${c.id} ${name.en}: ${what(c, urlIt).en}, waiting up to ${wait.en}`,
        zh: `${ck.rs.label} ${c.id} ${name.zh}：${what(c, urlIt).zh}，最多等待 ${wait.zh}`,
      });
    }
    sim.after(ms(o.after), () => finish(ck, o, name, urlIt));
  }

  function finish(ck: Ck, o: Outcome, name: Text, urlIt: number | null) {
    const c = ck.spec;
    ck.busy = false;
    ck.failed = o.ok ? 0 : ck.failed + 1;
    const result = outcomeText(ck, o);
    const ep = c.kind === 'HTTP_GET' || c.kind === 'SSL_GET' ? httpEpilog(ck, o.ok)
      : c.kind === 'PING_CHECK' ? pingEpilog(ck, o.ok)
      : c.kind === 'MISC_CHECK' ? miscEpilog(ck, o)
      : tcpEpilog(ck, o.ok);
    ck.since = sim.now();
    ck.next = ep.nextAt;
    ck.last = { en: `${o.ok ? 'OK' : 'failed'}: ${result.en}`, zh: `${o.ok ? '成功' : '失败'}：${result.zh}` };
    say(ck.rs.label, 'check.result', { server: ck.rs.label, checker: c.id, ok: o.ok }, {
      en: `${ck.rs.label} ${c.id} ${name.en} (${what(c, urlIt).en}) ${o.ok ? 'OK' : 'failed'}: ${result.en}; ${ep.then.en}`,
      zh: `${ck.rs.label} ${c.id} ${name.zh}（${what(c, urlIt).zh}）${o.ok ? '成功' : '失败'}：${result.zh}；${ep.then.zh}`,
    });
    if (ep.weight !== undefined) updateSvrWgt(ep.weight, ck.rs);
    if (ep.change !== undefined) {
      const tries = c.retry + 1;
      const reason = ep.change
        ? { en: result.en, zh: result.zh }
        : ck.hasRun && c.retry && ck.failed >= tries
          ? { en: `${result.en}, ${tries} attempts in a row`, zh: `${result.zh}，连续 ${tries} 次失败` }
          : { en: result.en, zh: result.zh };
      updateSvrCheckerState(ep.change, ck, reason);
      if (!ep.change && c.kind === 'MISC_CHECK') ck.curWeight = 0;
    }
    sim.at(ep.nextAt, () => launch(ck));
  }

  // ---- The scripted world; scheduled first so it wins ties with checks at the same instant ----
  for (const e of [...world].sort((a, b) => a.at - b.at)) {
    const i = findServer(spec, e.server);
    if (i < 0) throw new Error(`no real server ${JSON.stringify(e.server)} in ${spec.label}`);
    const rs = servers[i]!;
    sim.at(ms(e.at), () => {
      rs.world = applyWorld(rs.world, e);
      say(rs.label, 'world', { server: rs.label, action: e.action, value: e.value }, describeWorld(rs.label, e));
    });
  }

  // ---- Start-up (check_data.c validate_check_config, ipwrapper.c init_service_vs) ----
  const startWhy = { en: 'keepalived starts', zh: 'keepalived 启动' };
  for (const rs of servers) {
    for (const ck of rs.checkers) {
      if (ck.spec.alpha && ck.spec.simulated) {
        ck.isUp = false;
        rs.numFailed++;
      }
    }
  }
  for (const rs of servers) {
    if ((!rs.numFailed && !rs.alive) || (rs.inhibit && !rs.set)) {
      ipvsCmd('ADD', rs, rs.numFailed ? { en: 'alpha: kept at weight 0 until its first success', zh: 'alpha：首次成功前保持权重 0' } : startWhy);
      if (!rs.numFailed) rs.alive = true;
    }
  }
  updateQuorumState(true);
  if (sorry && sorry.inhibit && !sorry.set) {
    sorry.numFailed = 1;
    ipvsCmd('ADD', sorry, { en: 'sorry_server_inhibit: kept in the table at weight 0 while unused', zh: 'sorry_server_inhibit：未启用时以权重 0 留在表中' });
    sorry.numFailed = 0;
  }
  for (const rs of servers) {
    for (const ck of rs.checkers) {
      if (!ck.spec.simulated) continue;
      const warm = ck.spec.warmup > 0 ? Math.round(ms(ck.spec.warmup) * sim.rng.next()) : 0;
      ck.next = BOOTSTRAP + warm;
      sim.at(BOOTSTRAP + warm, () => launch(ck));
    }
  }
  starting = false;

  const snapshot = (): HealthState => ({
    t: sec(sim.now()),
    vs: spec.label,
    quorumUp,
    servers: servers.map((rs) => ({
      label: rs.label,
      world: rs.world.mode,
      slowBy: rs.world.mode === 'slow' ? rs.world.slow : 0,
      alive: rs.alive,
      inIpvs: rs.set,
      weight: rs.set ? rs.tableWeight : null,
      configuredWeight: rs.iweight,
      inhibit: rs.inhibit,
      checkers: rs.checkers.map((ck) => ({
        id: ck.spec.id, kind: ck.spec.kind, state: ck.isUp ? 'UP' : 'DOWN', simulated: ck.spec.simulated, busy: ck.busy, failed: ck.failed,
        retryIt: ck.retryIt, retry: ck.spec.retry, since: sec(ck.since), next: ck.next === null ? null : sec(ck.next),
        ...(ck.last ? { last: ck.last } : {}),
      })),
    })),
    ...(sorry ? { sorry: { label: sorry.label, active: sorry.alive, inIpvs: sorry.set, weight: sorry.set ? sorry.tableWeight : null, inhibit: sorry.inhibit } } : {}),
    ipvs: table(),
  });
  const table = (): IpvsEntry[] => [
    ...servers.filter((rs) => rs.set).map((rs) => ({ server: rs.label, weight: rs.tableWeight, sorry: false })),
    ...(sorry?.set ? [{ server: sorry.label, weight: sorry.tableWeight, sorry: true }] : []),
  ];

  const timeline = record(sim, snapshot, { until: ms(until) });
  return { timeline, transitions, ipvs: table(), spec };
}

function codesText(codes: number[]): string {
  if (!codes.length) return '—';
  const parts: string[] = [];
  let a = codes[0]!;
  let b = a;
  for (const c of [...codes.slice(1), NaN]) {
    if (c === b + 1) b = c;
    else {
      parts.push(a === b ? String(a) : `${a}-${b}`);
      a = b = c;
    }
  }
  return parts.join(' ');
}
