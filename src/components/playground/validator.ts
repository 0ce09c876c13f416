/**
 * Validation as a service for the page: each new text goes to a Web Worker; an answer for an older
 * text is dropped; a worker still busy with an older text is stopped and a fresh one started. Where
 * workers cannot start, the same analysis runs on the main thread after the reader pauses.
 */
import type { Analysis } from '../../keepalived/editor/analysis';

export interface Validator {
  check(text: string, interfaces?: string[]): void;
}

export function validator(onResult: (a: Analysis) => void, onError: (message: string) => void): Validator {
  let worker: Worker | undefined;
  let busy = false;
  let version = 0;
  let fallback: ((text: string, v: number, i?: string[]) => Promise<Analysis>) | undefined;

  const spawn = (): Worker | undefined => {
    try {
      const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<{ ok: boolean; analysis?: Analysis; error?: string; version?: number }>) => {
        busy = false;
        if (!e.data.ok) return onError(e.data.error ?? 'the validator failed');
        if (e.data.analysis!.version === version) onResult(e.data.analysis!);
      };
      w.onerror = (e) => {
        busy = false;
        e.preventDefault();
        worker = undefined;
        onError(e.message || 'the validator stopped');
      };
      return w;
    } catch {
      return undefined;
    }
  };

  return {
    check(text, interfaces) {
      version++;
      if (busy && worker) {
        worker.terminate();
        worker = undefined;
      }
      worker ??= spawn();
      if (worker) {
        busy = true;
        worker.postMessage({ text, version, interfaces });
        return;
      }
      const v = version;
      fallback ??= (t, vv, i) => import('../../keepalived/editor/analysis').then((m) => m.analyse(t, vv, i));
      void fallback(text, v, interfaces).then((a) => a.version === version && onResult(a), (e) => onError(String(e)));
    },
  };
}
