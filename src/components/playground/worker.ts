/**
 * The playground's validator, off the main thread: takes { text, version, interfaces }, posts back
 * the analysis (src/keepalived/editor/analysis.ts). The page terminates and restarts this worker when
 * a newer text arrives while an old one is still being read, so a 2 MB paste never queues work.
 */
import { analyse } from '../../keepalived/editor/analysis';

self.onmessage = (e: MessageEvent<{ text: string; version: number; interfaces?: string[] }>) => {
  const { text, version, interfaces } = e.data;
  try {
    (self as unknown as Worker).postMessage({ ok: true, analysis: analyse(String(text), version, interfaces) });
  } catch (err) {
    (self as unknown as Worker).postMessage({ ok: false, version, error: String(err) });
  }
};
