/**
 * The real servers as the checkers see them: up, dead (nothing answers: every attempt waits for its
 * timeout), refusing (the host answers, the service sends RST), slow (answers after N seconds), a
 * chosen HTTP status, a chosen MISC_CHECK exit code. `probe` says what one attempt of one checker
 * gets, and after how long. It knows nothing of retries or IPVS: that is keepalived's part (run.ts).
 */
import type { Text } from '../core';
import type { CheckerSpec } from './spec';

export type WorldAction = 'fail' | 'recover' | 'slow' | 'refuse' | 'http-status' | 'misc-exit';
export const WORLD_ACTIONS: readonly WorldAction[] = ['fail', 'recover', 'slow', 'refuse', 'http-status', 'misc-exit'];

export interface WorldEvent {
  /** Seconds from keepalived's start. */
  at: number;
  /** Index among the virtual server's real servers, or its address (`10.0.0.1` or `10.0.0.1:80`). */
  server: number | string;
  action: WorldAction;
  /** slow: seconds before it answers (default 10); http-status: the code; misc-exit: the script's exit code. */
  value?: number;
}

export interface ServerWorld {
  mode: 'up' | 'dead' | 'refusing' | 'slow';
  /** Seconds before a slow server answers. */
  slow: number;
  httpStatus: number;
  miscExit: number;
}

export const healthyWorld = (): ServerWorld => ({ mode: 'up', slow: 0, httpStatus: 200, miscExit: 0 });

export function applyWorld(w: ServerWorld, e: WorldEvent): ServerWorld {
  switch (e.action) {
    case 'fail': return { ...w, mode: 'dead' };
    case 'refuse': return { ...w, mode: 'refusing' };
    case 'slow': return { ...w, mode: 'slow', slow: e.value ?? 10 };
    case 'recover': return healthyWorld();
    case 'http-status': return { ...w, httpStatus: e.value ?? 200 };
    case 'misc-exit': return { ...w, miscExit: e.value ?? 0 };
  }
}

export function describeWorld(label: string, e: WorldEvent): Text {
  const v = e.value;
  switch (e.action) {
    case 'fail': return { en: `${label} stops answering (host down: every attempt waits for its timeout)`, zh: `${label} 不再应答（主机宕机：每次尝试都要等到超时）` };
    case 'refuse': return { en: `${label} refuses connections (the service is down, the host still answers)`, zh: `${label} 拒绝连接（服务停了，主机仍在应答）` };
    case 'slow': return { en: `${label} becomes slow: it answers after ${v ?? 10} s`, zh: `${label} 变慢：${v ?? 10} 秒后才应答` };
    case 'recover': return { en: `${label} is healthy again`, zh: `${label} 恢复正常` };
    case 'http-status': return { en: `${label} now answers HTTP ${v ?? 200}`, zh: `${label} 现在返回 HTTP ${v ?? 200}` };
    case 'misc-exit': return { en: `${label}'s check script now exits with ${v ?? 0}`, zh: `${label} 的检查脚本现在以 ${v ?? 0} 退出` };
  }
}

/** What one attempt gets. `after` is in seconds from the attempt's start. */
export type Outcome =
  | { ok: true; after: number; status?: number; exit?: number }
  | { ok: false; after: number; why: 'timeout' | 'refused' | 'status' | 'exit' | 'killed'; status?: number; exit?: number };

/**
 * One attempt. TCP_CHECK/SMTP/UDP: a connect, bounded by connect_timeout. HTTP_GET/SSL_GET: a GET
 * whose status must be one of the url's codes (all urls share the server's answer). PING_CHECK: an
 * ICMP echo — a refusing or slow service still answers ping. MISC_CHECK: the script's exit code; it
 * is killed after misc_timeout. The script is taken to exit 1 at once when the server is down.
 */
export function probe(c: CheckerSpec, w: ServerWorld, urlIndex = 0): Outcome {
  const to = c.connectTimeout;
  switch (c.kind) {
    case 'PING_CHECK':
      return w.mode === 'dead' ? { ok: false, after: to, why: 'timeout' } : { ok: true, after: 0 };
    case 'MISC_CHECK': {
      if (w.mode === 'dead' || w.mode === 'refusing') return { ok: false, after: 0, why: 'exit', exit: 1 };
      if (w.mode === 'slow' && w.slow >= c.miscTimeout) return { ok: false, after: c.miscTimeout, why: 'killed' };
      const after = w.mode === 'slow' ? w.slow : 0;
      const code = w.miscExit;
      const good = code === 0 || (c.miscDynamic && code >= 2 && code <= 255);
      return good ? { ok: true, after, exit: code } : { ok: false, after, why: 'exit', exit: code };
    }
    case 'HTTP_GET':
    case 'SSL_GET': {
      if (w.mode === 'dead') return { ok: false, after: to, why: 'timeout' };
      if (w.mode === 'refusing') return { ok: false, after: 0, why: 'refused' };
      if (w.mode === 'slow' && w.slow >= to) return { ok: false, after: to, why: 'timeout' };
      const after = w.mode === 'slow' ? w.slow : 0;
      const codes = c.urls[urlIndex]?.codes ?? [];
      return codes.includes(w.httpStatus) ? { ok: true, after, status: w.httpStatus } : { ok: false, after, why: 'status', status: w.httpStatus };
    }
    default:
      if (w.mode === 'dead') return { ok: false, after: to, why: 'timeout' };
      if (w.mode === 'refusing') return { ok: false, after: 0, why: 'refused' };
      if (w.mode === 'slow' && w.slow >= to) return { ok: false, after: to, why: 'timeout' };
      return { ok: true, after: w.mode === 'slow' ? w.slow : 0 };
  }
}
