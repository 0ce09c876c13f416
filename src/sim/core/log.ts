/**
 * The event log: every observable thing a simulation does, in the order it happened,
 * each with a plain-language sentence in English and Chinese for captions and screen readers.
 */
export interface Text {
  en: string;
  zh: string;
}

export interface SimEvent<D = unknown> {
  /** Virtual time in milliseconds. */
  t: number;
  /** Position in the log, from 0. */
  seq: number;
  /** Who did it: a node, router, scheduler… (`client`, `director`, `r1`, `rr`). */
  actor: string;
  /** What kind of thing happened, machine-readable (`packet.hop`, `vrrp.state`). */
  kind: string;
  data: D;
  text: Text;
}

export type Lang = keyof Text;

export function textIn(text: Text, lang: Lang | string): string {
  return lang.startsWith('zh') ? text.zh : text.en;
}
