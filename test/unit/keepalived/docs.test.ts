import { describe, expect, it } from 'vitest';
import { ROOT, type KeywordNode } from '../../../src/keepalived/schema/tree';
import { docFor } from '../../../src/keepalived/schema/docs';
import { explain } from '../../../src/keepalived/explain';
import { main } from '../../../src/cli/main';

describe('keyword explanations', () => {
  it('exist for every keyword keepalived 2.2.7 accepts, in English and Chinese', () => {
    const missing: string[] = [];
    const walk = (m: Record<string, KeywordNode>, path: string[]) => {
      for (const [k, v] of Object.entries(m)) {
        const d = docFor(k, path);
        if (!d || d.en.length < 8 || !/[\u4e00-\u9fff]/.test(d.zh)) missing.push([...path, k].join('/'));
        if (v.k) walk(v.k, [...path, k]);
      }
    };
    walk(ROOT, []);
    expect(missing).toEqual([]);
  });

  it('follow the block: weight means different things in a real_server and a vrrp_script', () => {
    expect(docFor('weight', ['virtual_server', 'real_server'])!.en).toMatch(/real server/);
    expect(docFor('weight', ['vrrp_script'])!.en).toMatch(/priority/);
  });

  it('explain matches each keyword of a config to its sentence', () => {
    const rows = explain('vrrp_instance V {\n priority 100\n virtual_ipaddress {\n  10.0.0.1\n }\n}');
    expect(rows.map((r) => [r.line, r.keyword, r.path.join('/')])).toEqual([[1, 'vrrp_instance', ''], [2, 'priority', 'vrrp_instance'], [3, 'virtual_ipaddress', 'vrrp_instance']]);
    expect(rows[1]!.text!.zh).toContain('优先级');
  });

  it('lvs-lab explain prints them, and rejects a bad --lang', async () => {
    const io = { stdout: '', stderr: '', out(t: string) { this.stdout += t + '\n'; }, err(t: string) { this.stderr += t + '\n'; }, readFile: async () => 'global_defs {\n router_id A\n}' };
    expect(await main(['explain', '--lang', 'zh', 'x.conf'], io)).toBe(0);
    expect(io.stdout).toMatch(/router_id\s+本机的名字/);
    expect(await main(['explain', '--lang', 'fr', 'x.conf'], io)).toBe(2);
  });
});
