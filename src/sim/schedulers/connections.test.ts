import { describe, expect, it } from 'vitest';
import { ConnectionTable, formatIpvsadmLnc, TCP_TIMEOUTS } from './connections';
import { makeDest, type Service } from './dest';
import { SCHEDULERS } from './registry';

function service(weights: number[]) {
  const svc: Service = { dests: weights.map((w, i) => makeDest(`10.0.0.${i + 1}`, 80, w)), flags: new Set(), random: () => 0.5 };
  return { svc, rr: SCHEDULERS.rr!(svc) };
}
const pkt = (client: string, sport = 40000) => ({ saddr: client, sport, daddr: '192.0.2.10', dport: 80 });

describe('the connection table', () => {
  it('moves connections from active to inactive to gone with the kernel\'s TCP timeouts', () => {
    const { svc, rr } = service([1, 1]);
    const t = new ConnectionTable(rr);
    const c = t.connect(pkt('203.0.113.1'), 0)!;
    expect(svc.dests[0]!.activeconns).toBe(1);
    t.close(c, 10);
    expect([svc.dests[0]!.activeconns, svc.dests[0]!.inactconns]).toEqual([0, 1]);
    t.expire(10 + TCP_TIMEOUTS.TIME_WAIT - 1);
    expect(t.conns).toHaveLength(1);
    t.expire(10 + TCP_TIMEOUTS.TIME_WAIT);
    expect(t.conns).toHaveLength(0);
    expect(svc.dests[0]!.inactconns).toBe(0);
    // An idle ESTABLISHED connection lasts 15 minutes.
    t.connect(pkt('203.0.113.1'), 1000);
    t.expire(1000 + 899);
    expect(t.conns).toHaveLength(1);
    t.expire(1000 + 900);
    expect(t.conns).toHaveLength(0);
  });

  it('persistence: the same client returns to its server through a template, regardless of the scheduler', () => {
    const { svc, rr } = service([1, 1]);
    const t = new ConnectionTable(rr, { timeout: 300 });
    const a = t.connect(pkt('203.0.113.1'), 0)!;
    const b = t.connect(pkt('203.0.113.1', 40001), 5)!;
    expect(b.dest).toBe(a.dest); // rr alone would have moved on to the next server
    expect(t.connect(pkt('203.0.113.2'), 6)!.dest).toBe(svc.dests[1]);
    expect(t.conns.filter((c) => c.template).map((c) => [c.client, c.cport, c.state])).toEqual([['203.0.113.1', 0, 'NONE'], ['203.0.113.2', 0, 'NONE']]);
  });

  it('persistence granularity groups a network, and the trap: a quiesced server keeps its persistent clients', () => {
    const { svc, rr } = service([1, 1]);
    const t = new ConnectionTable(rr, { timeout: 300, granularity: '255.255.255.0' });
    const first = t.connect(pkt('203.0.113.1'), 0)!;
    expect(t.connect(pkt('203.0.113.77'), 1)!.dest).toBe(first.dest);
    first.dest.weight = 0;
    expect(t.connect(pkt('203.0.113.99'), 2)!.dest).toBe(first.dest);
    // Once the template has expired (its connections gone), the scheduler decides again.
    for (const c of [...t.conns]) if (!c.template) t.close(c, 3);
    t.expire(3 + 300 + 120);
    expect(t.connect(pkt('203.0.113.1'), 500)!.dest).toBe(svc.dests[1]);
  });

  // Worked out by hand from ip_vs_conn.c (ip_vs_conn_expire's expire_later, ip_vs_check_template).
  it('a template does not expire while it controls a connection: it is given 60 s more each time', () => {
    const { rr } = service([1, 1]);
    const t = new ConnectionTable(rr, { timeout: 30 });
    t.connect(pkt('203.0.113.1'), 0);
    t.expire(30);
    const template = t.conns.find((c) => c.template)!;
    expect(template.expires).toBe(90);
    expect(formatIpvsadmLnc(t, 30)).toMatch(/TCP 01:00  NONE/);
  });

  it('expire_quiescent_template = 1: a quiesced server loses its persistent clients at their next connection', () => {
    const { svc, rr } = service([1, 1]);
    const t = new ConnectionTable(rr, { timeout: 300, expireQuiescentTemplate: true });
    const first = t.connect(pkt('203.0.113.1'), 0)!;
    expect(first.dest).toBe(svc.dests[0]);
    svc.dests[0]!.weight = 0;
    // rr skips the weight-0 server: the client goes to the other one, and gets a new template for it.
    expect(t.connect(pkt('203.0.113.1', 40001), 1)!.dest).toBe(svc.dests[1]);
    expect(t.conns.filter((c) => c.template).map((c) => c.dest)).toEqual([svc.dests[1]]);
  });

  it('prints like ipvsadm -Lnc', () => {
    const { rr } = service([1]);
    const t = new ConnectionTable(rr, { timeout: 60 });
    t.connect(pkt('203.0.113.1', 40001), 0);
    const out = formatIpvsadmLnc(t, 0).split('\n');
    expect(out[0]).toBe('IPVS connection entries');
    expect(out[2]).toMatch(/^TCP 01:00 +NONE +203\.0\.113\.1:0 +192\.0\.2\.10:80 +10\.0\.0\.1:80$/);
    expect(out[3]).toMatch(/^TCP 15:00 +ESTABLISHED +203\.0\.113\.1:40001/);
  });
});
