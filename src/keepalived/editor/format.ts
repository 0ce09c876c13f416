/**
 * Re-indent a keepalived.conf: one level (4 spaces) per open block, a line that starts with '}'
 * one level out. Only leading and trailing white space changes, so what keepalived reads is the same.
 */
import { codeOf } from './cursor';

export function formatConfig(text: string, indent = '    '): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (!line) {
      out.push('');
      continue;
    }
    const code = codeOf(line);
    const opens = (code.match(/{/g) ?? []).length;
    const closes = (code.match(/}/g) ?? []).length;
    // A line that starts by closing blocks sits at the depth it closes to.
    const leading = /^}+/.exec(code.trim())?.[0].length ?? 0;
    const here = Math.max(0, depth - leading);
    out.push(indent.repeat(here) + line);
    depth = Math.max(0, depth + opens - closes);
  }
  return out.join('\n');
}
