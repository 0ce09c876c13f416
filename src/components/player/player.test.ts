import { describe, expect, it } from 'vitest';
import { initialState, seek, stepBy, tick, togglePlay, reset, nearestSpeed, frameDelay, clamp } from './state';
import { linksTo, readMoment, writeMoment } from './url';

describe('player state', () => {
  it('clamps steps to the run', () => {
    let s = initialState(4);
    s = stepBy(s, -1);
    expect(s.index).toBe(0);
    s = stepBy(stepBy(stepBy(stepBy(s, 1), 1), 1), 1);
    expect(s.index).toBe(3);
    expect(clamp(Number.NaN, 4)).toBe(0);
    expect(seek(s, 2.7).index).toBe(2);
  });

  it('plays to the last frame and stops there; play at the end starts over', () => {
    let s = togglePlay(initialState(3));
    expect(s.playing).toBe(true);
    s = tick(s);
    expect([s.index, s.playing]).toEqual([1, true]);
    s = tick(s);
    expect([s.index, s.playing]).toEqual([2, false]);
    s = togglePlay(s);
    expect([s.index, s.playing]).toEqual([0, true]);
  });

  it('stepping pauses playback, reset returns to the start', () => {
    const playing = togglePlay(initialState(5, 2));
    expect(stepBy(playing, 1).playing).toBe(false);
    expect(reset(playing)).toMatchObject({ index: 0, playing: false });
  });

  it('offers speeds from 0.25x to 8x, faster meaning shorter delays', () => {
    expect(nearestSpeed(0.1)).toBe(0.25);
    expect(nearestSpeed(100)).toBe(8);
    expect(nearestSpeed(3)).toBe(2);
    expect(frameDelay(8)).toBeLessThan(frameDelay(0.25));
  });
});

describe('shared moments in the URL hash', () => {
  it('round-trips a frame and a scenario per player id, leaving other keys alone', () => {
    let hash = writeMoment('#other.t=4', 'demo', { t: 5, s: 'nat' });
    hash = writeMoment(hash, 'lab', { t: 9 });
    expect(readMoment(hash, 'demo')).toEqual({ t: 5, s: 'nat' });
    expect(readMoment(hash, 'lab')).toEqual({ t: 9 });
    expect(readMoment(hash, 'other')).toEqual({ t: 4 });
  });

  it('ignores malformed or hostile values', () => {
    expect(readMoment('#demo.t=-3&demo.s=%3Cscript%3E', 'demo')).toEqual({});
    expect(readMoment('#demo.t=1e9', 'demo')).toEqual({});
    expect(readMoment('#%%%', 'demo')).toEqual({});
    expect(readMoment('#demo.t=2', 'bad id!')).toEqual({});
  });

  it('frame 0 leaves no key behind', () => {
    expect(writeMoment('#demo.t=3', 'demo', { t: 0 })).toBe('');
  });

  it('carries the lab\'s settings with the format version, and reads scenarios with breaks and comparisons', () => {
    const x = { weights: [1, 3, 0, 65535], config: 'vrrp_instance VI_1 {\n  priority 100 # 中文\n}' };
    const hash = writeMoment('#other.t=4', 'sched', { t: 12, s: 'dr+arp~nat', x });
    expect(hash).toContain('sched.v=1');
    expect(readMoment(hash, 'sched')).toEqual({ t: 12, s: 'dr+arp~nat', x });
    expect(readMoment(hash, 'other')).toEqual({ t: 4 });
    expect(linksTo(hash, 'sched')).toBe(true);
    expect(linksTo(hash, 'vrrp')).toBe(false);
  });

  it('opens links made before versions (frame and scenario only)', () => {
    expect(readMoment('#nat.t=7&nat.s=nat', 'nat')).toEqual({ t: 7, s: 'nat' });
    expect(linksTo('#nat.t=7', 'nat')).toBe(true);
  });

  it('ignores settings it cannot read: a newer version, broken base64, JSON that is not an object', () => {
    const enc = (v: string) => btoa(v).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(readMoment(`#l.v=2&l.t=3&l.x=${enc('{"a":1}')}`, 'l')).toEqual({ t: 3 });
    expect(readMoment('#l.v=1&l.x=%%%', 'l')).toEqual({});
    expect(readMoment(`#l.v=1&l.x=${enc('[1,2]')}`, 'l')).toEqual({});
    expect(readMoment(`#l.v=1&l.x=${enc('{oops')}`, 'l')).toEqual({});
    expect(readMoment(`#l.v=1&l.x=${enc('{"a":1}')}`, 'l')).toEqual({ x: { a: 1 } });
  });
});
