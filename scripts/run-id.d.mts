export function startTicks(pid: number): string | null;
export const RUN_ID: string;
export function runIsAlive(id: string): boolean;
export function runIdIn(name: string, prefix: string): string | null;
export function isLeftOver(name: string, prefix: string): boolean;
