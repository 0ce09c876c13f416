/** lvs-lab explain: what each keyword of a keepalived.conf does, line by line, in English or Chinese. */
import { explain } from '../keepalived/explain';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab explain [--lang en|zh] [--json] FILE

Prints every keyword of the config with a one-line explanation.`;

export const run: Command = async (argv, io) => {
  let lang: 'en' | 'zh' = 'en';
  let json = false;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--json') json = true;
    else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'zh') {
        io.err(`lvs-lab explain: --lang takes en or zh\n${HELP}`);
        return EXIT.usage;
      }
      lang = v;
    } else if (a.startsWith('-')) {
      io.err(`lvs-lab explain: unknown option '${a}'\n${HELP}`);
      return EXIT.usage;
    } else file = a;
  }
  if (!file) {
    io.err(`lvs-lab explain: no FILE given\n${HELP}`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    io.err(`lvs-lab explain: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.usage;
  }
  const rows = explain(text);
  if (json) io.out(JSON.stringify({ file, keywords: rows }));
  else for (const r of rows) io.out(`${String(r.line).padStart(5)}  ${'  '.repeat(r.path.length)}${r.keyword.padEnd(Math.max(1, 28 - 2 * r.path.length))} ${r.text?.[lang] ?? '—'}`);
  return EXIT.ok;
};
