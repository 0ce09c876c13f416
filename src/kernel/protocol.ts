/**
 * Messages between the page (client.ts) and the worker that runs the real kernel (worker.ts).
 * The page never touches the emulator: it asks for a start, sends scripts, and reads answers.
 */
export type ToWorker =
  | { type: 'start'; base: string }
  | { type: 'run'; id: number; script: string; timeoutMs: number };

/** What the reader waits for while the machine starts. */
export type StartPhase = 'manifest' | 'download' | 'restore' | 'check';

export type FromWorker =
  | { type: 'progress'; phase: StartPhase; loaded?: number; total?: number; fromCache?: boolean }
  | { type: 'ready'; ms: number; kernel: string; bytes: number; fromCache: boolean }
  | { type: 'failed'; reason: FailReason; detail: string }
  | { type: 'output'; id: number; chunk: string }
  | { type: 'done'; id: number; status: number; output: string; ms: number }
  | { type: 'timeout'; id: number; output: string; ms: number };

/** Why the machine could not start, each with its own message for the reader. */
export type FailReason = 'no-image' | 'network' | 'memory' | 'wasm' | 'guest';

/** The serial protocol of scripts/kernel-image/agent.sh: a request, and the line that ends its answer. */
export const runRequest = (token: string, script: string): string => `RUN ${token} ${new TextEncoder().encode(script).length}\n${script}`;
export const endOfRun = (token: string): RegExp => new RegExp(`\\n@@${token} (\\d+)@@\\n`);

/**
 * The end of run `token` in the serial output so far: its output and exit status, or undefined while it runs.
 * Only a newline can end a run, and only the last few bytes can hold the mark: looking further back on every byte
 * would make a long answer cost its length squared, on the thread the emulator runs on. Call it per byte received.
 */
export function endMark(serial: string, token: string): { output: string; status: number; rest: string } | undefined {
  if (!serial.endsWith('\n')) return undefined;
  const tail = Math.max(0, serial.length - (token.length + 32));
  const m = endOfRun(token).exec(serial.slice(tail));
  if (!m) return undefined;
  const at = tail + m.index;
  return { output: serial.slice(0, at), status: Number(m[1]), rest: serial.slice(at + m[0].length) };
}

/** The manifest scripts/kernel-image/build.sh writes beside the images. */
export interface KernelManifest {
  inputs: string;
  kernel: string;
  built: string;
  v86: string;
  /** The machine's memory, which the saved state was made with. */
  memoryBytes: number;
  packages: Array<{ package: string; version: string; source: string; sourceVersion: string }>;
  files: Record<string, { bytes: number; sha256?: string }>;
}
