/** Placeholder replaced below. */
import type { Diagnostic } from '../types';
export function messageZh(d: Diagnostic): string {
  return d.message;
}
