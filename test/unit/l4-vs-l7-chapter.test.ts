/**
 * The LVS-vs-Nginx chapter quotes the committed benchmark run (bench/l4-vs-l7/results.json): every figure it
 * quotes must be the one the run wrote, in both languages. Rerun the benchmark, and this says which sentences to update.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import results from '../../bench/l4-vs-l7/results.json';

const fmt = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(n);
const mode = (id: string) => results.modes.find((m) => m.id === id)!;

describe('the chapter quotes the committed benchmark run', () => {
  const quoted: string[] = [];
  for (const id of ['kernel-ipvs', 'kernel-l4', 'nginx-stream', 'nginx-http']) {
    const r = mode(id).spread.keepalive.rps!;
    quoted.push(fmt(mode(id).keepalive.rps!), `${fmt(r.min)}–${fmt(r.max)}`);
  }
  const nopool = mode('nginx-http-nopool');
  quoted.push(fmt(nopool.keepalive.rps!), `${fmt(nopool.spread.keepalive.rps!.min)}–${fmt(nopool.spread.keepalive.rps!.max)}`);
  quoted.push(fmt(mode('nginx-http').close.rps!), fmt(nopool.keepalive.cpuUsPerReq.middle!), fmt(mode('nginx-http').keepalive.cpuUsPerReq.middle!));
  quoted.push(fmt(results.baseline.keepalive.cpuUsPerReq.machine!));
  const ipvsExtra = mode('kernel-ipvs').keepalive.cpuUsPerReq.machine! - results.baseline.keepalive.cpuUsPerReq.machine!;
  quoted.push(`about ${fmt(ipvsExtra)} µs`);

  for (const lang of ['en', 'zh-cn']) {
    it(`${lang}: every quoted figure is the run's`, () => {
      const text = readFileSync(`src/content/docs/${lang}/lvs-vs-nginx.mdx`, 'utf8');
      const section = text.slice(text.indexOf(lang === 'en' ? '## Measured' : '## 实测'));
      for (const q of quoted) {
        const want = lang === 'en' ? q : q.replace('about ', '约 ').replace(' µs', ' 微秒');
        expect(section, `${lang} should quote ${want}`).toContain(want);
      }
    });
  }

  it('the run measured all five modes, five times each, on one kernel with IPVS', () => {
    expect(results.modes.map((m) => [m.id, m.repeats])).toEqual([
      ['kernel-l4', 5], ['kernel-ipvs', 5], ['nginx-stream', 5], ['nginx-http', 5], ['nginx-http-nopool', 5],
    ]);
    expect(results.machine.guest).toMatch(/user-mode Linux/);
  });
});
