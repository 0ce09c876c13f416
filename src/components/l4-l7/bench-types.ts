/**
 * The shape of bench/l4-vs-l7/results.json as the chapter reads it. Everything past the figures it shows is
 * optional, so an older or a placeholder file still builds.
 */
export interface BenchLabel {
  en: string;
  zh: string;
}

export interface BenchPass {
  rps: number | null;
  latencyMs?: { p50?: number | null; p75?: number | null; p90?: number | null; p99?: number | null };
  cpuUsPerReq?: { machine?: number | null; middle?: number | null };
  errors?: unknown;
}

export interface BenchMode {
  id: string;
  label: BenchLabel;
  keepalive?: BenchPass;
  close?: BenchPass;
  longLived?: {
    connected?: number;
    holdSeconds?: number;
    middle?: {
      conntrackEntries?: number | null;
      socketsPerClientConnection?: number | null;
      workerRssKbPerConnection?: number | null;
    };
  };
}

export interface BenchData {
  placeholder?: boolean;
  machine: { cpu: string; cores: number; kernel: string; nginx: string; wrk: string; node: string; date: string };
  settings?: Record<string, unknown>;
  note?: string;
  baseline?: { id: string; label: BenchLabel; keepalive?: BenchPass; close?: BenchPass };
  modes: BenchMode[];
}

/** What the chart island gets: the two figures it draws, per mode and pass. */
export interface ChartFigure {
  id: string;
  label: string;
  keepalive: { rps: number; p99: number };
  close: { rps: number; p99: number };
}
