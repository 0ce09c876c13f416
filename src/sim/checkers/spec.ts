/**
 * What the health-check simulation needs to know about a virtual server, with keepalived 2.2.7's
 * defaults resolved the way keepalived resolves them (check_data.c, validate_check_config):
 * checker → real_server → virtual_server → the checker type's own default.
 *
 * The typed model (src/keepalived/model.ts) cannot tell a value written in the config from a default,
 * and it gives every checker the same defaults; `specFromConfig` reads the parsed tree as well, so
 * MISC_CHECK's retry 0, HTTP_GET's delay_before_retry 3, warmup, alpha, misc_dynamic, quorum and
 * sorry_server_inhibit come out right.
 */
import type { CheckerKind, ConfigNode, ConfigResult, VirtualServer } from '../../keepalived';
import { arg, kid, kids, walk } from '../../keepalived/tree-util';
import { isIp } from '../../keepalived/schema/values';

export interface UrlSpec {
  path: string;
  /** Accepted status codes; keepalived's default is 200–299 (check_http.c, url_check). */
  codes: number[];
}

export interface CheckerSpec {
  kind: CheckerKind;
  /** Unique among the real server's checkers: `TCP_CHECK`, or `TCP_CHECK#2` for a second one. */
  id: string;
  line: number;
  /** Seconds. */
  connectTimeout: number;
  retry: number;
  delayBeforeRetry: number;
  delayLoop: number;
  /** The first check starts 1 s + a random part of warmup (default: delay_loop) after start. */
  warmup: number;
  /** Starts DOWN until its first success. */
  alpha: boolean;
  urls: UrlSpec[];
  miscDynamic: boolean;
  /** MISC_CHECK: the script is killed after this many seconds (default: the virtual server's delay_loop). */
  miscTimeout: number;
  /** DNS_CHECK, FILE_CHECK, BFD_CHECK are not simulated: they stay UP. */
  simulated: boolean;
}

export interface ServerSpec {
  address: string;
  port?: number;
  /** The configured weight (keepalived's iweight). */
  weight: number;
  inhibit: boolean;
  checkers: CheckerSpec[];
  line: number;
}

export interface VsSpec {
  label: string;
  delayLoop: number;
  quorum: number;
  hysteresis: number;
  sorry?: { address: string; port?: number; inhibit: boolean };
  servers: ServerSpec[];
}

/** Overrides for a run; `specFromConfig` fills them from the config text. */
export interface HealthOptions {
  seed?: string | number;
  /** Seconds of random warmup for every checker (0 = every checker starts 1 s after keepalived). */
  warmup?: number;
  alpha?: boolean;
  quorum?: number;
  hysteresis?: number;
  sorryServerInhibit?: boolean;
  /** Per checker, by the line of its keyword in the config. */
  checkers?: Record<number, Partial<Omit<CheckerSpec, 'kind' | 'id' | 'line'>>>;
}

const SIMULATED: CheckerKind[] = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'PING_CHECK', 'SMTP_CHECK', 'UDP_CHECK'];

/** keepalived's checker->default_retry: 1, except MISC_CHECK 0 (check_misc.c) and DNS_CHECK 3 (check_dns.c). */
export const defaultRetry = (kind: CheckerKind): number => (kind === 'MISC_CHECK' ? 0 : kind === 'DNS_CHECK' ? 3 : 1);
/** keepalived's checker->default_delay_before_retry: 1 s, except HTTP_GET/SSL_GET 3 s (check_http.c). */
export const defaultDelayBeforeRetry = (kind: CheckerKind): number => (kind === 'HTTP_GET' || kind === 'SSL_GET' ? 3 : 1);

export const serverLabel = (s: { address: string; port?: number }): string => (s.port !== undefined ? `${s.address}:${s.port}` : s.address);

export function vsLabel(vs: VirtualServer): string {
  if (vs.kind === 'fwmark') return `fwmark ${vs.fwmark}`;
  if (vs.kind === 'group') return `group ${vs.group}`;
  return serverLabel({ address: vs.address ?? '', ...(vs.port !== undefined ? { port: vs.port } : {}) });
}

/** The spec of a model's virtual server, the model's numbers taken as written, then `opts` applied. */
export function specFromModel(vs: VirtualServer, opts: HealthOptions = {}): VsSpec {
  return {
    label: vsLabel(vs),
    delayLoop: vs.delayLoop,
    quorum: opts.quorum ?? 1,
    hysteresis: opts.hysteresis ?? 0,
    ...(vs.sorryServer ? { sorry: { ...vs.sorryServer, inhibit: opts.sorryServerInhibit ?? false } } : {}),
    servers: vs.realServers.map((rs) => {
      const seen = new Map<string, number>();
      const checkers = rs.checkers
        .map((c): CheckerSpec => {
          const spec: CheckerSpec = {
            kind: c.kind,
            id: c.kind,
            line: c.line,
            connectTimeout: c.connectTimeout,
            retry: c.retry,
            delayBeforeRetry: c.delayBeforeRetry,
            delayLoop: c.delayLoop,
            warmup: c.delayLoop,
            alpha: opts.alpha ?? false,
            urls: c.urls.map((u) => ({ path: u.path, codes: u.statusCode !== undefined ? [u.statusCode] : range(200, 299) })),
            miscDynamic: false,
            miscTimeout: vs.delayLoop,
            simulated: SIMULATED.includes(c.kind),
            ...(opts.checkers?.[c.line] ?? {}),
          };
          if (opts.warmup !== undefined) spec.warmup = opts.warmup;
          return spec;
        })
        // keepalived drops an HTTP_GET/SSL_GET without urls ("has no urls specified - ignoring").
        .filter((c) => !((c.kind === 'HTTP_GET' || c.kind === 'SSL_GET') && c.urls.length === 0));
      for (const c of checkers) {
        const n = (seen.get(c.kind) ?? 0) + 1;
        seen.set(c.kind, n);
        if (n > 1) c.id = `${c.kind}#${n}`;
      }
      return {
        address: rs.address,
        ...(rs.port !== undefined ? { port: rs.port } : {}),
        weight: rs.weight,
        inhibit: rs.inhibitOnFailure,
        line: rs.line,
        checkers,
      };
    }),
  };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

const numArg = (n: ConfigNode | undefined): number | undefined => {
  const v = Number(arg(n));
  return arg(n) !== undefined && Number.isFinite(v) ? v : undefined;
};
/** `alpha`, `alpha true`, `alpha no`… (keepalived's check_true_false). */
const flag = (n: ConfigNode | undefined): boolean | undefined => {
  if (!n) return undefined;
  const a = arg(n)?.toLowerCase();
  return a === undefined || ['true', 'on', 'yes'].includes(a) ? true : ['false', 'off', 'no'].includes(a) ? false : undefined;
};

/** `status_code 200-299 301` → the codes listed (check_http.c, status_code_handler). */
export function statusCodes(n: ConfigNode | undefined): number[] | undefined {
  if (!n) return undefined;
  const out: number[] = [];
  for (const t of n.args) {
    const m = /^(\d{3})(?:-(\d{3}))?$/.exec(t.text);
    if (m) out.push(...range(Number(m[1]), Number(m[2] ?? m[1])));
  }
  return out.length ? out : undefined;
}

/**
 * The model's virtual server number `index` with the overrides only the config text can give.
 * Returns undefined when the config has no such virtual server.
 */
export function specFromConfig(result: ConfigResult, index = 0): { vs: VirtualServer; options: HealthOptions } | undefined {
  const found = result.model.virtualServers[index];
  if (!found) return undefined;
  // keepalived skips a real_server whose address it cannot read ("Invalid real server ip address/port").
  const vs = { ...found, realServers: found.realServers.filter((rs) => isIp(rs.address)) };
  const vsNode = walk(result.nodes).find(({ node }) => node.keyword.text === 'virtual_server' && node.keyword.line === vs.line)?.node;
  if (!vsNode) return { vs, options: {} };
  const checkers: NonNullable<HealthOptions['checkers']> = {};
  const vsAlpha = kids(vsNode, 'alpha').length > 0;
  for (const rsNode of kids(vsNode, 'real_server')) {
    for (const c of rsNode.children ?? []) {
      const kind = c.keyword.text as CheckerKind;
      if (!SIMULATED.includes(kind) && !['DNS_CHECK', 'FILE_CHECK', 'BFD_CHECK'].includes(kind)) continue;
      const own = (k: string) => numArg(kid(c, k));
      const up = (k: string) => numArg(kid(rsNode, k)) ?? numArg(kid(vsNode, k));
      const delayLoop = own('delay_loop') ?? up('delay_loop') ?? vs.delayLoop;
      const retry = own('retry') ?? own('nb_get_retry') ?? up('retry') ?? defaultRetry(kind);
      const delayBeforeRetry = own('delay_before_retry') ?? up('delay_before_retry') ?? defaultDelayBeforeRetry(kind);
      const warmup = own('warmup') ?? up('warmup') ?? delayLoop;
      const alpha = flag(kid(c, 'alpha')) ?? flag(kid(rsNode, 'alpha')) ?? vsAlpha;
      const urls = kids(c, 'url')
        .filter((u) => arg(kid(u, 'path')) !== undefined)
        .map((u) => ({ path: arg(kid(u, 'path'))!, codes: statusCodes(kid(u, 'status_code')) ?? range(200, 299) }));
      checkers[c.keyword.line] = {
        retry, delayBeforeRetry, delayLoop, warmup, alpha, urls,
        miscDynamic: kids(c, 'misc_dynamic').length > 0,
        miscTimeout: numArg(kid(c, 'misc_timeout')) || vs.delayLoop,
      };
    }
  }
  return {
    vs,
    options: {
      checkers,
      quorum: numArg(kid(vsNode, 'quorum')) ?? 1,
      hysteresis: numArg(kid(vsNode, 'hysteresis')) ?? 0,
      sorryServerInhibit: kids(vsNode, 'sorry_server_inhibit').length > 0,
    },
  };
}
