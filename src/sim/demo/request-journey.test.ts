import { describe, expect, it } from 'vitest';
import { requestJourney, DEMO_ADDR } from './request-journey';

describe('the landing demo run', () => {
  const tl = requestJourney();
  const packets = tl.frames.slice(1).map((f) => f.state.packet!);

  it('takes six hops, request then reply, and every hop is described in both languages', () => {
    expect(packets.map((p) => `${p.from}>${p.to}:${p.direction}`)).toEqual([
      'client>router:request', 'router>director:request', 'director>rs1:request',
      'rs1>director:reply', 'director>router:reply', 'router>client:reply',
    ]);
    for (const e of tl.events) expect(e.text.en.length * e.text.zh.length).toBeGreaterThan(0);
  });

  it('rewrites only at the director: DNAT on the way in, the source back to the VIP on the way out', () => {
    expect(packets.map((p) => [p.src, p.dst])).toEqual([
      [DEMO_ADDR.client, DEMO_ADDR.vip],
      [DEMO_ADDR.client, DEMO_ADDR.vip],
      [DEMO_ADDR.client, DEMO_ADDR.rip],
      [DEMO_ADDR.rip, DEMO_ADDR.client],
      [DEMO_ADDR.vip, DEMO_ADDR.client],
      [DEMO_ADDR.vip, DEMO_ADDR.client],
    ]);
    expect(packets.map((p) => p.changed.join())).toEqual(['', '', 'dst', '', 'src', '']);
  });

  it('is the same run every time', () => {
    expect(requestJourney().frames).toEqual(tl.frames);
  });
});
