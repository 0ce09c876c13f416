/**
 * `lvs-lab lint` against the real `keepalived -t` (Debian's keepalived 2.2.7) on the corpus in
 * test/corpus/keepalived: they must agree on accept/reject for every file, and every line keepalived
 * complains about must carry a diagnostic of ours. keepalived checks interfaces, so it runs in a
 * network namespace with veth eth0/eth1, and our linter is told the same interfaces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../src/keepalived';
import { Namespaces, requireTools } from './lib/netns';
import { EXAMPLES } from '../../src/components/playground/examples';
import { peerConfig } from '../../src/keepalived/editor/peer';
import { MAN_SECTIONS } from '../../src/keepalived/editor/man-sections';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const CORPUS = resolve(__dirname, '../corpus/keepalived');
const INTERFACES = ['lo', 'eth0', 'eth1'];
const files = ['valid', 'invalid'].flatMap((kind) =>
  readdirSync(join(CORPUS, kind)).filter((f) => f.endsWith('.conf')).sort().map((f) => ({ kind, path: join(CORPUS, kind, f), name: `${kind}/${f}` })),
);

describe('lvs-lab lint agrees with keepalived -t', () => {
  const ns = new Namespaces('kt');
  let host = '';

  beforeAll(() => {
    requireTools('ip', 'keepalived');
    host = ns.add('host');
    ns.exec(host, 'ip', ['link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
    ns.exec(host, 'ip', ['addr', 'add', '192.168.200.10/24', 'dev', 'eth0']);
    ns.exec(host, 'ip', ['addr', 'add', '10.1.1.2/24', 'dev', 'eth1']);
    ns.exec(host, 'ip', ['link', 'set', 'eth0', 'up']);
    ns.exec(host, 'ip', ['link', 'set', 'eth1', 'up']);
  });
  afterAll(() => ns.cleanup());

  function keepalived(path: string): { code: number; lines: number[]; text: string } {
    try {
      execFileSync('ip', ['netns', 'exec', host, 'keepalived', '-t', '-f', path, '-l', '-D'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 20_000 });
      return { code: 0, lines: [], text: '' };
    } catch (e) {
      const err = e as { status: number | null; stderr: string };
      if (err.status === null) throw new Error(`keepalived -t did not finish on ${path}`);
      return { code: err.status, lines: [...new Set([...err.stderr.matchAll(/Line (\d+)\)/g)].map((m) => Number(m[1])))], text: err.stderr };
    }
  }

  it(`the corpus is large enough to mean something (${files.length} files)`, () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
    expect(files.filter((f) => f.kind === 'valid').length).toBeGreaterThanOrEqual(50);
  });

  it('every file: same accept/reject, and a diagnostic on every line keepalived names', () => {
    const problems: string[] = [];
    for (const f of files) {
      const real = keepalived(f.path);
      const ours = parseConfig(readFileSync(f.path, 'utf8'), { interfaces: INTERFACES, configId: hostname().split('.')[0]! });
      const errors = ours.diagnostics.filter((d) => d.severity === 'error');
      if ((real.code !== 0) !== (errors.length > 0)) {
        problems.push(`${f.name}: keepalived exit ${real.code}, ours ${errors.length} error(s)\n  keepalived: ${real.text.trim().split('\n').slice(0, 4).join(' | ')}\n  ours: ${errors.slice(0, 4).map((d) => `${d.line}: ${d.message}`).join(' | ')}`);
      }
      const uncovered = real.lines.filter((l) => !ours.diagnostics.some((d) => d.line <= l && l <= d.endLine));
      if (uncovered.length) problems.push(`${f.name}: keepalived complains about line(s) ${uncovered.join(', ')}, we say nothing there`);
      // The folder a file sits in says what it is meant to test.
      if ((f.kind === 'valid') !== (real.code === 0)) problems.push(`${f.name}: filed under ${f.kind} but keepalived exits ${real.code}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the playground\'s examples, and the peers it generates for them: keepalived -t says what the page says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-examples-'));
    try {
      const problems: string[] = [];
      for (const e of EXAMPLES) {
        const cases = [{ name: e.id, text: e.text, valid: e.valid }, ...(e.valid ? [{ name: `${e.id} (peer)`, text: peerConfig(e.text), valid: true }] : [])];
        for (const c of cases) {
          const path = join(dir, `${c.name.replace(/\W+/g, '-')}.conf`);
          writeFileSync(path, c.text);
          const real = keepalived(path);
          const ours = parseConfig(c.text, { interfaces: INTERFACES });
          if ((real.code === 0) !== c.valid) problems.push(`${c.name}: the page calls it ${c.valid ? 'valid' : 'broken'}, keepalived -t exits ${real.code}: ${real.text.slice(0, 300)}`);
          if ((ours.diagnostics.some((d) => d.severity === 'error')) === c.valid) problems.push(`${c.name}: our verdict differs from the page's`);
          const uncovered = real.lines.filter((l) => !ours.diagnostics.some((d) => d.line <= l && l <= d.endLine));
          if (uncovered.length) problems.push(`${c.name}: keepalived names line(s) ${uncovered.join(', ')}, we say nothing there`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every keepalived.conf(5) section the playground\'s hover names is a section of the installed man page', () => {
    const page = gunzipSync(readFileSync('/usr/share/man/man5/keepalived.conf.5.gz')).toString('utf8');
    const headings = [...page.matchAll(/^\.SH "?(.*?)"?$/gm)].map((m) => m[1]);
    for (const s of MAN_SECTIONS) expect(headings, s).toContain(s);
  });

  it('the CLI gives the same verdict and its exit codes: 0 clean, 1 errors', () => {
    const bin = resolve(__dirname, '../../bin/lvs-lab.js');
    const run = (file: string) => {
      try {
        return { code: 0, out: execFileSync('node', [bin, 'lint', '--json', '--interfaces', INTERFACES.join(','), file], { encoding: 'utf8' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { code: err.status, out: err.stdout };
      }
    };
    const valid = files.find((f) => f.kind === 'valid' && f.name.includes('full-dr-cluster'))!;
    const invalid = files.find((f) => f.name.includes('study-notes'))!;
    expect(keepalived(valid.path).code).toBe(0);
    expect(run(valid.path).code).toBe(0);
    const bad = run(invalid.path);
    expect(bad.code).toBe(1);
    const json = JSON.parse(bad.out);
    const lines = json.files[0].diagnostics.map((d: { line: number }) => d.line);
    for (const l of keepalived(invalid.path).lines) expect(lines).toContain(l);
  });
});
