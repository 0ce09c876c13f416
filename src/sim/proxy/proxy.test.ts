import { describe, expect, it } from 'vitest';
import { compareRun, lvsRun, nginxRun, lvsScript, nginxScript, phaseLengths } from './index';

const FRESH = [
  'epoll_wait', 'accept4', 'epoll_ctl', 'epoll_wait', 'recvfrom', 'epoll_ctl', 'socket', 'ioctl', 'epoll_ctl',
  'connect', 'epoll_wait', 'getsockopt', 'writev', 'epoll_wait', 'recvfrom', 'readv', 'close', 'writev', 'setsockopt',
];
const KEEPALIVE = [
  'epoll_wait', 'accept4', 'epoll_ctl', 'epoll_wait', 'recvfrom', 'epoll_ctl', 'getsockopt', 'writev', 'epoll_wait',
  'recvfrom', 'writev', 'setsockopt',
];

describe('one request through LVS (VS/NAT)', () => {
  const end = lvsRun().frames.at(-1)!.state;

  it('uses one connection end to end and costs the director nothing in user space', () => {
    expect(end.counters).toEqual({
      syscalls: 0, crossings: 0, wakeups: 0, contextSwitches: 0, copies: 0, bytesCopied: 0, connections: 1, handshakes: 1,
    });
    expect(end.conns).toEqual([{ id: 'c1', ends: ['client', 'backend'], state: 'established' }]);
    expect(end.syscallLog).toEqual([]);
    expect(end.worker).toBe('none');
  });

  it('never takes the data into the director\'s user space', () => {
    for (const f of lvsRun().frames) expect(f.state.place?.node === 'middle' && f.state.place.layer === 'user').toBe(false);
  });

  it('rewrites the destination on the way in and the source on the way out, at the director only', () => {
    const atDirector = lvsRun().frames.filter((f) => !f.state.idle && f.state.place?.node === 'middle');
    expect(atDirector.map((f) => `${f.state.what}:${f.state.packet!.changed.join()}`)).toEqual([
      'SYN:dst', 'SYN-ACK:src', 'ACK:dst', 'GET /:dst', '200 OK:src',
    ]);
    const elsewhere = lvsRun().frames.filter((f) => f.state.packet && f.state.place?.node !== 'middle');
    for (const f of elsewhere) expect(f.state.packet!.changed).toEqual([]);
  });
});

describe('the same request through nginx', () => {
  it('with a fresh upstream connection: 2 connections, 4 copies and the syscalls strace shows', () => {
    const end = nginxRun().frames.at(-1)!.state;
    expect(end.syscallLog).toEqual(FRESH);
    expect(end.counters).toEqual({
      syscalls: 19, crossings: 38, wakeups: 4, contextSwitches: 4, copies: 4, bytesCopied: 79 + 85 + 148 + 153,
      connections: 2, handshakes: 2,
    });
    expect(end.conns.map((c) => `${c.id}:${c.ends.join('-')}:${c.state}`)).toEqual([
      'c1:client-middle:established', 'c2:middle-backend:closed',
    ]);
  });

  it('with upstream keepalive: still 2 connections and 4 copies, but one handshake and fewer syscalls', () => {
    const end = nginxRun({ keepalive: true }).frames.at(-1)!.state;
    expect(end.syscallLog).toEqual(KEEPALIVE);
    expect(end.counters).toEqual({
      syscalls: 12, crossings: 24, wakeups: 3, contextSwitches: 3, copies: 4, bytesCopied: 79 + 66 + 153 + 153,
      connections: 2, handshakes: 1,
    });
    expect(end.conns.find((c) => c.id === 'c2')!.state).toBe('pooled');
  });

  it('copies up with recvfrom and down with writev, and the data visits the worker\'s user space', () => {
    const frames = nginxRun().frames;
    const copies = frames.filter((f) => f.state.copied).map((f) => `${f.state.calls.find((c) => c.copy)!.name}:${f.state.copied}`);
    expect(copies).toEqual(['recvfrom:up', 'writev:down', 'recvfrom:up', 'writev:down']);
    expect(frames.some((f) => f.state.place?.node === 'middle' && f.state.place.layer === 'user')).toBe(true);
  });

  it('counters never go down', () => {
    const frames = nginxRun().frames;
    for (let i = 1; i < frames.length; i++) {
      for (const k of Object.keys(frames[i]!.state.counters) as Array<keyof (typeof frames)[0]['state']['counters']>) {
        expect(frames[i]!.state.counters[k]).toBeGreaterThanOrEqual(frames[i - 1]!.state.counters[k]);
      }
    }
  });
});

describe('both sides together', () => {
  for (const keepalive of [false, true]) {
    const tl = compareRun({ keepalive });
    it(`are lined up phase by phase and step together (keepalive ${keepalive})`, () => {
      const lengths = phaseLengths(lvsScript(), nginxScript({ keepalive }));
      expect(tl.frames.length).toBe(1 + lengths.reduce((a, b) => a + b, 0));
      expect(lvsRun({ keepalive }).frames.map((f) => [f.t, f.state.phase])).toEqual(nginxRun({ keepalive }).frames.map((f) => [f.t, f.state.phase]));
      expect(tl.frames.map((f) => f.state.phase)).toEqual([...tl.frames.map((f) => f.state.phase)].sort());
      expect(tl.frame(0).state.lvs.counters.connections + tl.frame(0).state.nginx.counters.connections).toBe(0);
    });

    it(`describe every step of either side in English and Chinese (keepalive ${keepalive})`, () => {
      for (const run of [lvsRun({ keepalive }), nginxRun({ keepalive }), tl]) {
        expect(run.events.length).toBe(run.frames.length - 1);
        for (const e of run.events) {
          expect(e.text.en.trim().length).toBeGreaterThan(10);
          expect(e.text.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(e.text.en).not.toMatch(/[\u4e00-\u9fff]/);
        }
      }
    });

    it(`is the same run every time (keepalive ${keepalive})`, () => {
      expect(JSON.parse(JSON.stringify(compareRun({ keepalive }).frames))).toEqual(JSON.parse(JSON.stringify(tl.frames)));
    });
  }

  it('the nginx side never idles while LVS works in the request phase: LVS waits for it instead', () => {
    const tl = compareRun();
    const phase2 = tl.frames.filter((f) => f.state.phase === 2);
    expect(phase2.some((f) => f.state.lvs.idle)).toBe(true);
    expect(phase2.some((f) => f.state.nginx.idle)).toBe(false);
  });
});
