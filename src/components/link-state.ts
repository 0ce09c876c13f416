/**
 * Reading a lab's settings back from a link (src/components/player/url.ts). A link is input like any
 * other: each value is taken only if it is of the right kind and within what the lab's own controls
 * accept; anything else is left as the lab is.
 */
import type { LabState } from './player/url';

export { readMoment, type LabState } from './player/url';

/** A whole number within [min, max], or undefined. */
export function intIn(x: LabState | undefined, key: string, min: number, max: number): number | undefined {
  const v = x?.[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
}

export function boolOf(x: LabState | undefined, key: string): boolean | undefined {
  const v = x?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** A string no longer than `max` characters, or undefined. */
export function textOf(x: LabState | undefined, key: string, max = 20_000): string | undefined {
  const v = x?.[key];
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

/** An array whose every item passes `ok`, no longer than `max`, or undefined. */
export function listOf<T>(x: LabState | undefined, key: string, ok: (v: unknown) => v is T, max = 200): T[] | undefined {
  const v = x?.[key];
  return Array.isArray(v) && v.length <= max && v.every(ok) ? v : undefined;
}

/** Sets a select to `value` if it has such an option; says whether it did. */
export function chooseOption(sel: HTMLSelectElement, value: string | undefined): boolean {
  if (value === undefined || ![...sel.options].some((o) => o.value === value)) return false;
  sel.value = value;
  return true;
}
