import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario, replay, SCHEDULER_NAMES, SCHEDULERS, makeDest } from './index';
import { buildService } from './dest';
import { main } from '../../cli/main';
import { shHash } from './hashing';

const dir = resolve(__dirname, '../../../test/scenarios/ipvs');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (f: string) => JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as { expected: { picks: Array<number | null> }; scheduler: string };

describe('the scenario corpus (expected picks recorded from a real Linux 6.1 kernel by test/kernel)', () => {
  it('covers every scheduler', () => {
    const covered = new Set(files.map((f) => load(f).scheduler));
    expect([...covered].sort()).toEqual([...SCHEDULER_NAMES].sort());
  });

  for (const f of files) {
    it(f, () => {
      const s = load(f);
      expect(replay(parseScenario(s)).picks).toEqual(s.expected.picks);
    });
  }
});

describe('lvs-lab schedule', () => {
  const capture = (file: string) => {
    const io = { stdout: '', stderr: '', out(t: string) { this.stdout += t + '\n'; }, err(t: string) { this.stderr += t + '\n'; }, readFile: async () => file };
    return io;
  };

  it('prints {"picks": [...]} exactly as the schema says', async () => {
    const f = files.find((x) => x.startsWith('wrr-432'))!;
    const io = capture(readFileSync(resolve(dir, f), 'utf8'));
    expect(await main(['schedule', '--scenario', f, '--json'], io)).toBe(0);
    expect(io.stdout.trim()).toBe('{"picks":[0,1,2,0,0,1,0,1,2,0]}');
  });

  it('names the first problem in a bad scenario, and exits non-zero', async () => {
    const bad = [
      ['{"scheduler":"xx","dests":[],"events":[]}', 'scheduler: must be one of'],
      ['{"scheduler":"rr","dests":[{"addr":"1.2.3","port":80,"weight":1}],"events":[]}', 'dests[0].addr'],
      ['{"scheduler":"rr","dests":[],"events":[{"op":"close","conn":3}]}', 'no connection 3'],
      ['{"scheduler":"rr","dests":[],"events":[{"op":"remove","dest":0}]}', 'no destination 0'],
      ['{"scheduler":"rr","flags":["nope"],"dests":[],"events":[]}', 'flags[0]'],
      ['not json', 'cannot read'],
    ] as const;
    for (const [text, msg] of bad) {
      const io = capture(text);
      expect(await main(['schedule', '--scenario', 'x.json', '--json'], io)).not.toBe(0);
      expect(io.stderr).toContain(msg);
    }
  });
});

describe('hash functions', () => {
  it('sh indexes its buckets with hash_32(), the top 8 bits of val × 0x61C88647 (Linux 6.1)', () => {
    // 203.0.113.7 = 0xCB007107; (0xCB007107 * 0x61C88647 mod 2^32) >> 24, computed independently in Python: 124.
    expect(shHash(0xcb007107, 0, 0)).toBe(124);
    // The old (addr * 2654435761) & 255 would give 215: a kernel replay tells them apart (sh-basic.json).
    expect(shHash(0xcb007107, 0, 0)).not.toBe(215);
  });
});

describe('the connection table of a replay', () => {
  it('lists open connections with their state; expired ones are gone', () => {
    const s = parseScenario(load(files.find((f) => f.startsWith('lc-close'))!));
    const { table } = replay(s);
    expect(table.map((c) => c.state)).toEqual(['TIME_WAIT', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED']);
    expect(table[0]).toMatchObject({ client: '203.0.113.7:40001', vip: '192.0.2.10:80', dest: '10.0.0.1:80' });
    const expired = replay(parseScenario(load(files.find((f) => f.startsWith('lc-expire'))!))).table;
    expect(expired).toHaveLength(2);
  });
});

describe('what the schedulers chapter says about removing a server (measured, as the chapter quotes it)', () => {
  const moved = (name: 'mh' | 'sh', n: number) => {
    const { svc, sched } = buildService(SCHEDULERS[name]!, Array.from({ length: n }, (_, i) => makeDest(`10.0.0.${i + 1}`, 80, 1)), [], () => 0.5);
    const clients = Array.from({ length: 20000 }, (_, i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`);
    const pick = () => clients.map((saddr) => sched.schedule({ saddr, sport: 1, daddr: '192.0.2.10', dport: 80 }));
    const before = pick();
    const victim = svc.dests[1]!;
    svc.dests.splice(1, 1);
    victim.available = false;
    sched.delDest?.(victim, 1);
    const after = pick();
    const others = clients.map((_, i) => i).filter((i) => before[i] !== victim);
    return Math.round((1000 * others.filter((i) => after[i] !== before[i]).length) / others.length) / 10;
  };

  it('mh moves 0.3 %, 0.3 % and 1.3 % of the other servers\' clients (3, 5, 10 servers); sh 50 %, 76 %, 92 %', () => {
    expect([3, 5, 10].map((n) => moved('mh', n))).toEqual([0.3, 0.3, 1.3]);
    expect([3, 5, 10].map((n) => Math.round(moved('sh', n)))).toEqual([50, 76, 92]);
  });

  it('mh keeps a quiesced server\'s slots: its clients get no server, unless mh-fallback', () => {
    for (const flags of [[], ['mh-fallback']]) {
      const { svc, sched } = buildService(SCHEDULERS.mh!, [1, 2, 3].map((i) => makeDest(`10.0.0.${i}`, 80, 1)), flags, () => 0.5);
      const clients = Array.from({ length: 300 }, (_, i) => `203.0.113.${i % 250}`);
      const before = clients.map((saddr) => sched.schedule({ saddr, sport: 1, daddr: '192.0.2.10', dport: 80 }));
      const q = svc.dests[0]!;
      q.weight = 0;
      sched.updDest?.(q);
      const after = clients.map((saddr) => sched.schedule({ saddr, sport: 1, daddr: '192.0.2.10', dport: 80 }));
      clients.forEach((_, i) => {
        if (before[i] !== q) expect(after[i]).toBe(before[i]);
        else if (!flags.length) expect(after[i]).toBeNull();
        else expect(after[i] !== null && after[i] !== q).toBe(true);
      });
    }
  });
});
