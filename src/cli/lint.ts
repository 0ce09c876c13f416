/** lvs-lab lint: keepalived.conf diagnostics, like a compiler prints them, or as JSON. */
import { hostname } from 'node:os';
import { readdirSync } from 'node:fs';
import { lintCluster, type Diagnostic } from '../keepalived';
import { diskIncludes } from './include-resolver';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab lint [--json] [--lang en|zh] [--interfaces LIST | --host-interfaces] [--config-id ID] FILE...

Checks keepalived.conf files as keepalived 2.2.7 reads them. An 'error' is what \`keepalived -t\`
rejects; warnings and info are advice. Several files are checked together as the routers of one
cluster (priorities, advert_int and authentication compared across them).

  --json               print {"files":[{"file","diagnostics":[…]}]} (each with its message in English and Chinese)
  --lang zh            print the messages in Chinese (as the site's Chinese pages show them)
  --interfaces LIST    the host's interfaces, comma-separated; names in the config must be among them
  --host-interfaces    use this machine's interfaces (/sys/class/net)
  --config-id ID       the id that @ID lines are kept for (default: this host's name)

Exit status: 0 no file has an error, 1 some file has, 2 usage or unreadable file.`;

function render(file: string, text: string, d: Diagnostic, zh: boolean): string {
  const src = text.split('\n')[d.line - 1]?.replace(/\r$/, '') ?? '';
  const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, src.length - d.column + 1);
  const caret = ' '.repeat(Math.max(0, d.column - 1)) + '^' + '~'.repeat(Math.max(0, Math.min(width, 200) - 1));
  return `${d.file ?? file}:${d.line}:${d.column}: ${d.severity}: ${zh ? d.zh : d.message} [${d.code}]\n  ${src.slice(0, 300)}\n  ${caret}`;
}

export const run: Command = async (argv, io) => {
  const files: string[] = [];
  let json = false;
  let zh = false;
  let interfaces: string[] | undefined;
  let configId: string | undefined = hostname().split('.')[0];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'zh' && v !== 'zh-cn') return usage('--lang takes en or zh');
      zh = v !== 'en';
    }
    else if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--interfaces') {
      const v = argv[++i];
      if (v === undefined) return usage('--interfaces needs a comma-separated list');
      interfaces = v.split(',').map((s) => s.trim()).filter(Boolean);
    } else if (a === '--host-interfaces') {
      try {
        interfaces = readdirSync('/sys/class/net');
      } catch {
        return usage('cannot read /sys/class/net for --host-interfaces');
      }
    } else if (a === '--config-id') {
      configId = argv[++i];
      if (configId === undefined) return usage('--config-id needs a value');
    } else if (a.startsWith('-') && a !== '-') return usage(`unknown option '${a}'`);
    else files.push(a);
  }
  if (!files.length) return usage('no FILE given');

  const texts: Array<{ file: string; text: string }> = [];
  for (const f of files) {
    try {
      texts.push({ file: f, text: await io.readFile(f) });
    } catch (e) {
      io.err(`lvs-lab lint: cannot read '${f}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
  }
  const cluster = lintCluster(texts, {
    ...(interfaces ? { interfaces } : {}),
    ...(configId !== undefined ? { configId } : {}),
    include: (req) => diskIncludes(req.file ?? texts[0]!.file)(req),
  });
  const failed = cluster.some((c) => c.diagnostics.some((d) => d.severity === 'error'));
  if (json) {
    io.out(JSON.stringify({
      files: cluster.map((c) => ({
        file: c.file,
        diagnostics: c.diagnostics.map((d) => ({
          severity: d.severity, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
          code: d.code, message: d.message, messageZh: d.zh, ...(d.file && d.file !== c.file ? { includedFrom: c.file, file: d.file } : {}),
          ...(d.fix ? { fix: d.fix } : {}),
        })),
      })),
    }));
  } else {
    for (const c of cluster) {
      const text = texts.find((t) => t.file === c.file)!.text;
      for (const d of c.diagnostics) io.out(render(c.file, d.file && d.file !== c.file ? '' : text, d, zh));
      const n = (s: string) => c.diagnostics.filter((d) => d.severity === s).length;
      io.out(zh ? `${c.file}：${n('error')} 个错误，${n('warning')} 个警告，${n('info')} 条提示` : `${c.file}: ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} note(s)`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;

  function usage(msg: string) {
    io.err(`lvs-lab lint: ${msg}\n\n${HELP}`);
    return EXIT.usage;
  }
};
