/** What a command writes to; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Read a file as UTF-8; throws with a readable message when it cannot. */
  readFile(path: string): Promise<string>;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  readFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
};

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export type Command = (argv: string[], io: Io) => Promise<number>;
