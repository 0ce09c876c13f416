import { describe, expect, it } from 'vitest';
import { endMark, endOfRun, runRequest } from './protocol';
import { liveScript, liveTimeoutMs, readLive } from './ipvsadm-live';
import { differences, readSchedulerReplay, schedulerReplayScript } from './scheduler-replay';

describe('the serial protocol', () => {
  it('announces the script by its length in bytes (not characters), and ends a run only on its own token', () => {
    expect(runRequest('t1', 'echo 中\n')).toBe('RUN t1 9\necho 中\n');
    const end = endOfRun('t1');
    expect(end.exec('out\n@@t2 0@@\n')).toBeNull();
    expect(end.exec('out\n@@t1 3@@\n')?.[1]).toBe('3');
    expect(end.exec('out @@t1 3@@\n')).toBeNull(); // only at the start of a line
  });
  it('finds a run\'s end as the bytes come, after a long answer too, and keeps what follows it', () => {
    const long = 'x'.repeat(100_000) + '\n';
    let serial = '';
    const seen: Array<ReturnType<typeof endMark>> = [];
    for (const ch of `${long}@@t7 2@@\nnext`) {
      serial += ch;
      const end = endMark(serial, 't7');
      if (end) seen.push(end);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ output: long.slice(0, -1), status: 2, rest: '' });
    expect(endMark(`a\n@@t7 0@@\n${'y'.repeat(100)}\n`, 't7')).toBeUndefined(); // looked for only where the bytes end
    expect(endMark('a\n@@t8 0@@\n', 't7')).toBeUndefined();
  });
});

describe('scheduler replay on the guest', () => {
  const scenario = { scheduler: 'rr', flags: [], dests: [{ addr: '10.0.0.11', port: 80, weight: 1 }], events: [{ op: 'connect' as const, saddr: '198.18.0.1', sport: 1025, daddr: '192.0.2.10', dport: 80 }] };
  it('carries the scenario in a here-document and reads the picks back', () => {
    const script = schedulerReplayScript(scenario);
    expect(script).toContain(JSON.stringify([{ id: 'lab', scenario }]));
    expect(script).toContain('python3 /guest/replay-schedulers.py');
    expect(readSchedulerReplay('noise\nPICKS {"lab": {"picks": [0, null], "ms": 12}}\n')).toEqual({ picks: [0, null], ms: 12 });
  });
  it('says why when the guest has no picks', () => {
    expect(() => readSchedulerReplay('Traceback: boom\n')).toThrow(/printed no picks[\s\S]*boom/);
    expect(() => readSchedulerReplay('PICKS {"lab": {"error": "events[3]: cannot bind"}}\n')).toThrow('events[3]: cannot bind');
    expect(() => readSchedulerReplay('PICKS {not json\n')).toThrow(/not JSON/);
  });
  it('lists where two pick lists part', () => {
    expect(differences([0, 1, null, 2], [0, 2, null])).toEqual([1, 3]);
  });
});

describe('the console on the real director', () => {
  it('sends lines as JSON and reads one result per line', () => {
    expect(liveScript([{ line: "echo 'x'", stdin: 'a\n' }])).toContain(JSON.stringify([{ line: "echo 'x'", stdin: 'a\n' }]));
    expect(readLive('LIVE [{"out": "ok\\n", "status": 0}]\n', 1)).toEqual([{ out: 'ok\n', status: 0 }]);
    expect(() => readLive('LIVE [{"out": "", "status": 0}]\n', 2)).toThrow(/1 results for 2 lines/);
    expect(() => readLive('Traceback\n', 1)).toThrow(/did not answer/);
  });
  it('gives a sleep its time on the real clock', () => {
    expect(liveTimeoutMs([{ line: 'ipvsadm -Ln' }])).toBe(70_000);
    expect(liveTimeoutMs([{ line: 'sleep 120' }])).toBe(190_000);
    expect(liveTimeoutMs([{ line: 'sleep 2m' }])).toBe(190_000);
  });
});
