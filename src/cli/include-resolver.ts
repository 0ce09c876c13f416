/**
 * Resolves keepalived `include` lines from disk for the CLI: a path relative to the including
 * file's folder, with `*`, `?` and `[…]` globs in any part, as keepalived's glob() does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { IncludeRequest } from '../keepalived/lexer';

const MAGIC = /[*?[]/;

function globToRegExp(part: string): RegExp {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + part.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function expandGlob(pattern: string): string[] {
  const abs = isAbsolute(pattern);
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let paths = [abs ? '/' : ''];
  for (const part of parts) {
    if (part === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      if (!MAGIC.test(part)) {
        next.push(base ? join(base, part) : part);
        continue;
      }
      let names: string[] = [];
      try {
        names = readdirSync(base || '.');
      } catch {
        continue;
      }
      const re = globToRegExp(part);
      for (const n of names.sort()) if (!n.startsWith('.') && re.test(n)) next.push(base ? join(base, n) : n);
    }
    paths = next;
  }
  return paths.filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

/** The CLI's include resolver. Include loops end at the lexer's depth limit. */
export function diskIncludes(mainFile: string) {
  return (req: IncludeRequest) => {
    const from = dirname(req.file ?? mainFile);
    const pattern = isAbsolute(req.pattern) ? req.pattern : join(from, req.pattern);
    const files = expandGlob(pattern);
    if (!files.length) {
      return MAGIC.test(req.pattern)
        ? []
        : { error: `Configuration file '${req.pattern}' not found (looked for ${resolve(pattern)})` };
    }
    const out: Array<{ file: string; text: string }> = [];
    for (const f of files) {
      try {
        out.push({ file: f, text: readFileSync(f, 'utf8') });
      } catch (e) {
        return { error: `cannot read included file '${f}': ${(e as Error).message}` };
      }
    }
    return out;
  };
}
