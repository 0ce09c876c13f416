import { describe, expect, it } from 'vitest';
import { pickLayout } from '../../src/components/fit';
import { layoutsOf } from '../../src/components/packet-player/layout';
import { runJourney, MODES } from '../../src/sim/packet';

describe('a drawing takes the widest layout that is not scaled down', () => {
  const layouts = [{ name: 'tall', width: 330 }, { name: 'wide', width: 700 }] as const;
  it('picks by the width the drawing gets', () => {
    expect(pickLayout(1000, layouts).name).toBe('wide');
    expect(pickLayout(700, layouts).name).toBe('wide');
    expect(pickLayout(699, layouts).name).toBe('tall');
    expect(pickLayout(340, layouts).name).toBe('tall');
  });
  it('falls back to the narrowest when none fits', () => {
    expect(pickLayout(280, layouts).name).toBe('tall');
  });
});

describe('the packet player lays every mode out wide and tall, inside its viewBox', () => {
  for (const mode of MODES) {
    it(mode, () => {
      const topo = runJourney({ mode, breaks: [] }).topology;
      for (const l of layoutsOf(topo)) {
        for (const p of [...Object.values(l.nodes), ...Object.values(l.switches)]) {
          expect(p.x).toBeGreaterThan(0);
          expect(p.x).toBeLessThan(l.width);
          expect(p.y).toBeGreaterThan(0);
          expect(p.y).toBeLessThan(l.height);
        }
        // Every segment but the point-to-point wan has its switch, and every wire ends at a node or a switch.
        for (const link of topo.links) if (link !== 'wan') expect(l.switches[link], `${l.name} ${link}`).toBeDefined();
        expect(l.wires.length).toBeGreaterThan(topo.links.length);
      }
    });
  }
});
