import { describe, expect, it } from 'vitest';
import { labScenario, LabScenarioError } from './lab-scenario';
import { parseScenario, replay } from './scenario';
import { PATTERNS } from './traffic';
import { SCHEDULER_NAMES } from './registry';

describe('the scheduler lab as a scenario', () => {
  // twos draws from the run's random numbers, which the lab also spends on traffic: its picks are the lab's own.
  const deterministic = SCHEDULER_NAMES.filter((s) => s !== 'twos');
  for (const pattern of PATTERNS) {
    it(`replays to the lab's own picks on the engine (${pattern}, every scheduler)`, () => {
      for (const scheduler of deterministic) {
        const { scenario, labPicks } = labScenario({ scheduler, weights: [1, 3, 2, 1], pattern, connections: 5000 }, 100);
        expect(parseScenario(JSON.parse(JSON.stringify(scenario)))).toEqual(scenario);
        expect(labPicks).toHaveLength(100);
        expect(replay(scenario).picks, `${scheduler} ${pattern}`).toEqual(labPicks);
      }
    });
  }

  it('says what it cannot carry: persistence and the sorry server are not in the scenario format', () => {
    expect(() => labScenario({ scheduler: 'rr', weights: [1], pattern: 'steady', connections: 10, persistence: 60 })).toThrow(LabScenarioError);
    expect(() => labScenario({ scheduler: 'rr', weights: [1], pattern: 'steady', connections: 10, sorry: true })).toThrow(LabScenarioError);
  });

  it('closes connections as the lab does, and takes the failing server out by weight', () => {
    const { scenario } = labScenario({ scheduler: 'wlc', weights: [1, 1], pattern: 'failing-server', connections: 100 }, 100);
    expect(scenario.events.filter((e) => e.op === 'close').length).toBeGreaterThan(50);
    expect(scenario.events.filter((e) => e.op === 'weight')).toEqual([{ op: 'weight', dest: 0, weight: 0 }]);
    const tuples = scenario.events.flatMap((e) => (e.op === 'connect' ? [`${e.saddr}:${e.sport}`] : []));
    expect(new Set(tuples).size).toBe(tuples.length);
  });
});
