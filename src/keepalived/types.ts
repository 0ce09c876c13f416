/** Shared shapes of the config language: positions, tokens, diagnostics. Lines and columns are 1-based. */
export interface Pos {
  line: number;
  column: number;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column just after the last character. */
  endColumn: number;
}

export interface Token extends Range {
  text: string;
  /** Written in double quotes in the source (the quotes are not part of `text`). */
  quoted: boolean;
  /** The file the token came from, when the config spans several (include). */
  file?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Fix {
  /** What the fix does, for a quick-fix menu. */
  title: string;
  /** The same, in Chinese. */
  titleZh: string;
  range: Range;
  /** The text to put in place of `range`. */
  text: string;
}

export interface Diagnostic extends Range {
  severity: Severity;
  /** Stable, kebab-case: `unknown-keyword`, `vrid-range`, … */
  code: string;
  message: string;
  /** The message in Chinese, for the Chinese pages (the same facts as `message`). */
  zh: string;
  file?: string;
  fix?: Fix;
}

export const rangeOf = (a: Range, b: Range = a): Range => ({
  line: a.line,
  column: a.column,
  endLine: b.endLine,
  endColumn: b.endColumn,
});
