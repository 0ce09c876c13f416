import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../keepalived';
import { runHealthChecks, specFromConfig, type HealthTransition, type WorldEvent } from './index';

/** A virtual server with the given real-server bodies; `extra` goes into the virtual_server block. */
function conf(servers: string[], extra = '') {
  return `virtual_server 192.168.1.100 80 {
  delay_loop 6
  lb_algo rr
  lb_kind DR
  protocol TCP
${extra}
${servers.map((body, i) => `  real_server 192.168.1.${11 + i} 80 {\n    weight 1\n${body}\n  }`).join('\n')}
}
`;
}
const tcp = (more = '') => `    TCP_CHECK {\n      connect_timeout 3\n      retry 2\n      delay_before_retry 3\n      warmup 0\n${more}    }`;

function run(text: string, world: WorldEvent[], until: number) {
  const parsed = parseConfig(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { vs, options } = specFromConfig(parsed, 0)!;
  return runHealthChecks(vs, world, until, options);
}
const at = (ts: HealthTransition[], server: string, checker: string, to: string) =>
  ts.filter((t) => t.server === server && t.checker === checker && t.to === to).map((t) => t.at);
const A = '192.168.1.11:80';
const B = '192.168.1.12:80';

describe('TCP_CHECK timing (check_tcp.c tcp_epilog)', () => {
  it('checks at 1 s (BOOTSTRAP_DELAY, warmup 0) and then every delay_loop', () => {
    const r = run(conf([tcp()]), [], 20);
    const starts = r.timeline.events.filter((e) => e.kind === 'check.result').map((e) => e.t / 1000);
    expect(starts).toEqual([1, 7, 13, 19]);
  });

  it('removes the server connect_timeout + retry × (delay_before_retry + connect_timeout) after the first failed check', () => {
    // Fails at 20 s; the next check starts at 25 s; 25 + 3 + 2 × (3 + 3) = 40 s.
    const r = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'fail' }], 60);
    expect(at(r.transitions, A, 'TCP_CHECK', 'DOWN')).toEqual([40]);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([40]);
    expect(r.ipvs).toEqual([{ server: B, weight: 1, sorry: false }]);
  });

  it('retry 0 removes after one failed attempt; a refused connection fails at once', () => {
    const r = run(conf([tcp().replace('retry 2', 'retry 0'), tcp()]), [{ at: 20, server: 0, action: 'refuse' }], 40);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([25]);
  });

  it('adds the server back on the first successful attempt after it recovers', () => {
    const r = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'fail' }, { at: 50, server: 0, action: 'recover' }], 80);
    // Down at 40; while down the checker keeps its retry cycle: 46, 52 (retry), … the attempt at 52 s succeeds.
    expect(at(r.transitions, A, 'TCP_CHECK', 'UP')).toEqual([52]);
    expect(at(r.transitions, A, 'ipvs', 'weight 1')).toEqual([0, 52]);
  });

  it('a slow server fails when it answers after connect_timeout, passes when before', () => {
    const slow = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'slow', value: 5 }], 60);
    expect(at(slow.transitions, A, 'ipvs', 'absent')).toEqual([40]);
    const ok = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'slow', value: 2 }], 60);
    expect(at(ok.transitions, A, 'ipvs', 'absent')).toEqual([]);
  });

  it('at start-up one failure is enough (retry_it starts at retry)', () => {
    const r = run(conf([tcp(), tcp()]), [{ at: 0, server: 0, action: 'fail' }], 10);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([4]);
  });
});

describe('inhibit_on_failure and the sorry server (ipvswrapper.c ipvs_cmd, ipwrapper.c update_quorum_state)', () => {
  it('inhibit_on_failure sets the weight to 0 instead of removing, and restores it', () => {
    const r = run(conf([`    inhibit_on_failure\n${tcp()}`, tcp()]), [{ at: 20, server: 0, action: 'fail' }, { at: 50, server: 0, action: 'recover' }], 80);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([]);
    expect(at(r.transitions, A, 'ipvs', 'weight 0')).toEqual([40]);
    expect(at(r.transitions, A, 'ipvs', 'weight 1')).toEqual([0, 52]);
    const down = r.timeline.frameAtTime(45_000).state.servers[0]!;
    expect(down).toMatchObject({ inIpvs: true, weight: 0, alive: false });
  });

  it('the sorry server comes in when the last real server goes, and leaves when one returns', () => {
    const r = run(conf([tcp(), tcp()], '  sorry_server 192.168.1.99 80'), [
      { at: 10, server: 0, action: 'fail' }, { at: 20, server: 1, action: 'fail' }, { at: 60, server: 1, action: 'recover' },
    ], 100);
    // A goes at 13+3+12 = 28 s; B at 25+15 = 40 s: then the sorry server is added.
    expect(at(r.transitions, '192.168.1.99:80', 'sorry_server', 'weight 1')).toEqual([40]);
    expect(r.timeline.frameAtTime(50_000).state.ipvs).toEqual([{ server: '192.168.1.99:80', weight: 1, sorry: true }]);
    const back = at(r.transitions, B, 'TCP_CHECK', 'UP')[0]!;
    expect(at(r.transitions, '192.168.1.99:80', 'sorry_server', 'absent')).toEqual([back]);
    expect(r.ipvs).toEqual([{ server: B, weight: 1, sorry: false }]);
  });

  it('sorry_server_inhibit keeps the sorry server in the table at weight 0 while unused', () => {
    const r = run(conf([tcp()], '  sorry_server 192.168.1.99 80\n  sorry_server_inhibit'), [{ at: 10, server: 0, action: 'fail' }, { at: 40, server: 0, action: 'recover' }], 60);
    expect(r.timeline.frame(0).state.ipvs).toContainEqual({ server: '192.168.1.99:80', weight: 0, sorry: true });
    expect(at(r.transitions, '192.168.1.99:80', 'sorry_server', 'weight 1')).toEqual([28]);
    expect(at(r.transitions, '192.168.1.99:80', 'sorry_server', 'absent')).toEqual([]);
    expect(r.ipvs).toContainEqual({ server: '192.168.1.99:80', weight: 0, sorry: true });
  });

  it('alpha: real servers start down, the sorry server serves until the first success', () => {
    const r = run(conf([tcp()], '  alpha\n  sorry_server 192.168.1.99 80'), [], 10);
    expect(r.timeline.frame(0).state.ipvs).toEqual([{ server: '192.168.1.99:80', weight: 1, sorry: true }]);
    expect(at(r.transitions, A, 'ipvs', 'weight 1')).toEqual([1]);
    expect(r.ipvs).toEqual([{ server: A, weight: 1, sorry: false }]);
  });
});

describe('several checkers on one real server (num_failed_checkers)', () => {
  const two = `${tcp()}\n    PING_CHECK {\n      connect_timeout 3\n      retry 0\n      warmup 0\n    }`;
  it('is removed when one checker fails and returns only when all are up', () => {
    // refuse: TCP fails, ping still answers. Then fail: ping fails too. Recover: both come back.
    const r = run(conf([two, tcp()]), [
      { at: 20, server: 0, action: 'refuse' }, { at: 40, server: 0, action: 'fail' }, { at: 70, server: 0, action: 'recover' },
    ], 100);
    // TCP: refused at 25, retries at 28 and 31 (refused at once) → DOWN at 31.
    expect(at(r.transitions, A, 'TCP_CHECK', 'DOWN')).toEqual([31]);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([31]);
    expect(at(r.transitions, A, 'PING_CHECK', 'DOWN')).toEqual([46]);
    const upTimes = [...at(r.transitions, A, 'TCP_CHECK', 'UP'), ...at(r.transitions, A, 'PING_CHECK', 'UP')];
    expect(at(r.transitions, A, 'ipvs', 'weight 1')).toEqual([0, Math.max(...upTimes)]);
  });
});

describe('HTTP_GET (check_http.c epilog)', () => {
  const http = (codes = '200') => `    HTTP_GET {\n      url {\n        path /health\n        status_code ${codes}\n      }\n      connect_timeout 3\n      retry 1\n      warmup 0\n    }`;
  it('fails on a status code mismatch, with its default delay_before_retry of 3 s', () => {
    const r = run(conf([http(), tcp()]), [{ at: 20, server: 0, action: 'http-status', value: 500 }], 40);
    // 25 s: 500 (at once), retry at 28 s: 500 → DOWN.
    expect(at(r.transitions, A, 'HTTP_GET', 'DOWN')).toEqual([28]);
    expect(r.transitions.find((t) => t.checker === 'HTTP_GET')!.reason).toContain('HTTP 500, expected 200');
  });

  it('accepts any code of a range and the 200–299 default', () => {
    const r = run(conf([http('200-299 301'), tcp()]), [{ at: 20, server: 0, action: 'http-status', value: 301 }], 40);
    expect(at(r.transitions, A, 'HTTP_GET', 'DOWN')).toEqual([]);
  });

  it('comes back only after a second success, one delay_loop after the first', () => {
    const r = run(conf([http(), tcp()]), [{ at: 20, server: 0, action: 'http-status', value: 500 }, { at: 40, server: 0, action: 'recover' }], 70);
    // DOWN at 28; polls the failed url every max(3, 6) = 6 s: 34, 40 (ok: failed_url cleared), 46 (ok) → UP.
    expect(at(r.transitions, A, 'HTTP_GET', 'UP')).toEqual([46]);
  });
});

describe('MISC_CHECK (check_misc.c)', () => {
  const secure = 'global_defs {\n  enable_script_security\n  script_user root\n}\n';
  const misc = (more = '') => `    MISC_CHECK {\n      misc_path "/usr/local/bin/check.sh"\n      warmup 0\n${more}    }`;
  it('retries 0 times by default: one failed run removes the server', () => {
    const r = run(secure + conf([misc(), tcp()]), [{ at: 20, server: 0, action: 'misc-exit', value: 1 }], 40);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([25]);
  });

  it('misc_dynamic: exit codes 2–255 set the weight to code − 2', () => {
    const r = run(secure + conf([misc('      misc_dynamic\n'), tcp()]), [{ at: 10, server: 0, action: 'misc-exit', value: 7 }, { at: 20, server: 0, action: 'misc-exit', value: 2 }], 40);
    expect(at(r.transitions, A, 'ipvs', 'weight 5')).toEqual([13]);
    expect(at(r.transitions, A, 'ipvs', 'weight 0')).toEqual([25]);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([]);
  });

  it('a script running past misc_timeout is killed and counts as a failure', () => {
    const r = run(secure + conf([misc('      misc_timeout 2\n'), tcp()]), [{ at: 20, server: 0, action: 'slow', value: 5 }], 40);
    expect(at(r.transitions, A, 'ipvs', 'absent')).toEqual([27]);
  });
});

describe('the log', () => {
  const world: WorldEvent[] = [{ at: 10, server: 0, action: 'fail' }, { at: 20, server: '192.168.1.12', action: 'fail' }, { at: 50, server: A, action: 'recover' }];
  const text = conf([tcp(), tcp()], '  sorry_server 192.168.1.99 80');

  it('every event says what happened in English and in Chinese', () => {
    const r = run(text, world, 80);
    expect(r.timeline.events.length).toBeGreaterThan(20);
    for (const e of r.timeline.events) {
      expect(e.text.en.length).toBeGreaterThan(5);
      expect(e.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(r.timeline.events.some((e) => e.kind === 'quorum.down')).toBe(true);
  });

  it('is deterministic, random warmup included', () => {
    const noWarmup = text.replaceAll('      warmup 0\n', '');
    const a = run(noWarmup, world, 80);
    const b = run(noWarmup, world, 80);
    expect(JSON.stringify(a.timeline.frames)).toEqual(JSON.stringify(b.timeline.frames));
    expect(a.transitions).toEqual(b.transitions);
    const first = a.timeline.events.find((e) => e.kind === 'check.result')!.t;
    expect(first).toBeGreaterThanOrEqual(1000);
    expect(first).toBeLessThanOrEqual(7000);
  });

  it('names an unknown server clearly', () => {
    expect(() => run(text, [{ at: 1, server: '10.9.9.9', action: 'fail' }], 10)).toThrow(/no real server "10.9.9.9"/);
  });
});

import { requestsThrough } from './requests';

describe('client requests while a real server dies and the checkers take it out', () => {
  // Fails at 20 s, removed at 40 s (the TCP_CHECK timing above); rr over two servers, 2 requests/s.
  const r = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'fail' }], 60);
  const reqs = requestsThrough(r, 'rr', 60);
  const first = reqs.filter((q) => q.attempt === 0);

  it('all succeed before the failure, alternating between the servers as rr does', () => {
    const before = first.filter((q) => q.at < 20);
    expect(before.every((q) => q.result === 'ok')).toBe(true);
    expect(new Set(before.slice(4, 8).map((q) => q.server))).toEqual(new Set([A, B]));
  });

  it('those IPVS still sends to the dead server during detection time out, and their retries land on the live one', () => {
    const lost = first.filter((q) => q.at >= 20 && q.at < 40 && q.server === A);
    expect(lost.length).toBeGreaterThan(5);
    expect(lost.every((q) => q.result === 'timeout' && q.done === q.at + 3)).toBe(true);
    // Each lost request is tried once more, 1 s after its client gave up; while A is listed rr may send a
    // retry back to it (lost again), the others reach B and succeed.
    const retries = reqs.filter((q) => q.attempt === 1);
    expect(retries.map((q) => q.at).sort((a, b) => a - b)).toEqual(lost.map((q) => q.done + 1).sort((a, b) => a - b));
    expect(retries.some((q) => q.server === B)).toBe(true);
    expect(retries.filter((q) => q.server === B).every((q) => q.result === 'ok')).toBe(true);
    expect(retries.filter((q) => q.server === A).every((q) => q.result === 'timeout')).toBe(true);
  });

  it('after the removal no request goes to the dead server', () => {
    const after = reqs.filter((q) => q.at > 40);
    expect(after.length).toBeGreaterThan(30);
    expect(after.every((q) => q.server === B && q.result === 'ok')).toBe(true);
  });
});

import { failoverTraffic } from './failover';

describe('a real server dying under the scheduler lab\'s traffic', () => {
  it('is taken out when its TCP_CHECK gives up; until then requests IPVS sends it fail, after it none go there', () => {
    const f = failoverTraffic({ scheduler: 'wrr', weights: [1, 3, 2], dies: 0, at: 20, until: 60 })!;
    expect(f.config).toContain('lb_algo wrr');
    expect(f.servers).toEqual(['10.0.0.11:80', '10.0.0.12:80', '10.0.0.13:80']);
    // Fails at 20 s; checks at 1, 7, 13, 19, 25 s (warmup 0); 25 + 3 + 2 × (3 + 3) = 40 s.
    expect(f.removedAt).toBe(40);
    const toDead = f.requests.filter((q) => q.server === '10.0.0.11:80');
    expect(toDead.filter((q) => q.at < 20).every((q) => q.result === 'ok')).toBe(true);
    expect(toDead.filter((q) => q.at >= 20).every((q) => q.result === 'timeout' && q.at < 40)).toBe(true);
    expect(toDead.some((q) => q.at >= 20)).toBe(true);
    // wrr 1:3:2 before the failure.
    const before = f.requests.filter((q) => q.at < 18 && q.at >= 6);
    const share = (s: string) => before.filter((q) => q.server === s).length;
    expect(share('10.0.0.12:80')).toBe(3 * share('10.0.0.11:80'));
    expect(share('10.0.0.13:80')).toBe(2 * share('10.0.0.11:80'));
  });
});

describe('client requests to a persistent service (persistence templates)', () => {
  const r = run(conf([tcp(), tcp()]), [{ at: 20, server: 0, action: 'fail' }], 60);
  const reqs = requestsThrough(r, 'rr', 60, undefined, { timeout: 300 });

  it('a client keeps the server of its first connection while its template lives', () => {
    const before = reqs.filter((q) => q.at < 20 && q.attempt === 0);
    // Requests are sent every 0.5 s by fifty clients in turn: request k comes from client k mod 50.
    const byClient = new Map<number, Set<string | null>>();
    before.forEach((q, k) => byClient.set(k % 50, (byClient.get(k % 50) ?? new Set()).add(q.server)));
    expect([...byClient.values()].every((set) => set.size === 1)).toBe(true);
    expect(before.filter((q) => q.template).length).toBe(before.length - Math.min(50, before.length));
  });

  it('clients pinned to the dead server lose every request, retries included, until the checker removes it; then they move', () => {
    const pinned = reqs.filter((q) => q.at >= 20 && q.at < 40 && q.server === A);
    expect(pinned.length).toBeGreaterThan(5);
    expect(pinned.every((q) => q.result === 'timeout')).toBe(true);
    // Unlike plain rr, a retry follows the template back to the dead server.
    expect(pinned.some((q) => q.attempt === 1 && q.template)).toBe(true);
    const after = reqs.filter((q) => q.at > 41);
    expect(after.every((q) => q.server === B && q.result === 'ok')).toBe(true);
  });
});
