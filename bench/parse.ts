/**
 * Parser speed: parse and validate a generated 100,000-line keepalived.conf, and the same file with
 * the real `keepalived -t` (in a network namespace with eth0/eth1, as root) for the ratio; then the
 * editor's case, a 500-line config re-validated on every keystroke.
 *
 *   npx tsx bench/parse.ts [--lines N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_ID } from '../scripts/run-id.mjs';
import { NS_PREFIX } from '../test/conformance/lib/netns';
import { parseConfig } from '../src/keepalived';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const target = arg('--lines', 100_000);

function generate(lines: number): string {
  const out: string[] = ['global_defs {', '    router_id BENCH', '}'];
  for (let i = 0; out.length < lines; i++) {
    if (i < 200) {
      out.push(`vrrp_instance VI_${i} {`, '    state BACKUP', `    interface eth${i % 2}`, `    virtual_router_id ${(i % 250) + 1}`,
        `    priority ${100 + (i % 50)}`, '    advert_int 1', '    virtual_ipaddress {', `        10.${i >> 8}.${i & 255}.1/32`, '    }', '}');
    } else {
      const a = `10.200.${(i >> 8) & 255}.${i & 255}`;
      out.push(`virtual_server ${a} 80 {`, '    delay_loop 6', '    lb_algo wlc', '    lb_kind DR', '    protocol TCP',
        '    real_server 192.168.200.11 80 {', '        weight 1', '        TCP_CHECK {', '            connect_timeout 3', '        }', '    }', '}');
    }
  }
  return out.slice(0, lines).join('\n') + '\n}\n'.repeat(0);
}

function time(fn: () => void, runs: number): number[] {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b);
}
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;

const big = generate(target);
const lineCount = big.split('\n').length - 1;
parseConfig(big); // warm up
const ours = median(time(() => parseConfig(big, { interfaces: ['lo', 'eth0', 'eth1'] }), 3));
console.log(`lvs-lab: ${lineCount} lines parsed and validated in ${ours.toFixed(0)} ms = ${Math.round(lineCount / (ours / 1000)).toLocaleString('en')} lines/s`);

let keepalivedMs: number | undefined;
// Named as the conformance suite names its own (a run id inside), so a killed run's are found and removed.
const dir = mkdtempSync(join(tmpdir(), `${NS_PREFIX}${RUN_ID}-bench-`));
const ns = `${NS_PREFIX}${RUN_ID}-bench-parse`;
try {
  const file = join(dir, 'big.conf');
  writeFileSync(file, big);
  execFileSync('ip', ['netns', 'add', ns]);
  execFileSync('ip', ['-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
  const runs = time(() => {
    try {
      execFileSync('ip', ['netns', 'exec', ns, 'keepalived', '-t', '-f', file], { stdio: 'ignore', timeout: 120_000 });
    } catch { /* -t exits non-zero for warnings too; we only time it */ }
  }, 3);
  keepalivedMs = median(runs);
  console.log(`keepalived -t: the same file in ${keepalivedMs.toFixed(0)} ms = ${Math.round(lineCount / (keepalivedMs / 1000)).toLocaleString('en')} lines/s`);
  console.log(`ratio (keepalived time / lvs-lab time): ${(keepalivedMs / ours).toFixed(2)} — above 1 means lvs-lab is faster`);
} catch (e) {
  console.log(`keepalived -t not measured (${(e as Error).message.split('\n')[0]}): run as root with keepalived installed`);
} finally {
  try { execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' }); } catch { /* not created */ }
  rmSync(dir, { recursive: true, force: true });
}

const small = generate(500);
for (let i = 0; i < 20; i++) parseConfig(small);
const edits = time(() => parseConfig(small + `# keystroke ${Math.random()}`), 200);
console.log(`500-line config re-validated: median ${median(edits).toFixed(2)} ms, p95 ${edits[Math.floor(edits.length * 0.95)]!.toFixed(2)} ms (target: under 5 ms)`);
