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

/** Median, lowest and highest over the repeats (schema 2). */
export interface BenchStat {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export interface BenchSpread {
  rps?: BenchStat | null;
  p99?: BenchStat | null;
  cpuMachine?: BenchStat | null;
  cpuMiddle?: BenchStat | null;
}

export interface BenchComparison {
  pass: 'keepalive' | 'close';
  faster: string;
  slower: string;
  ratio: number;
  /** null: too few runs to judge. */
  beyondNoise: boolean | null;
}

export interface BenchMode {
  id: string;
  label: BenchLabel;
  /** How the kernel-l4 mode did its DNAT (nftables, or iptables on a kernel without nftables NAT). */
  method?: string;
  repeats?: number;
  spread?: { keepalive?: BenchSpread; close?: BenchSpread };
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
  machine: { cpu: string; cores: number; kernel: string; nginx: string; wrk: string; node: string; date: string; guest?: string };
  settings?: Record<string, unknown>;
  note?: string;
  baseline?: BenchMode;
  modes: BenchMode[];
  comparisons?: BenchComparison[];
  skipped?: string[];
}

/** What the chart island gets: the two figures it draws, per mode and pass. */
export interface ChartFigure {
  id: string;
  label: string;
  /** Medians, and the lowest and highest run when the benchmark repeated the mode. */
  keepalive: { rps: number; p99: number; rpsRange?: [number, number]; p99Range?: [number, number] };
  close: { rps: number; p99: number; rpsRange?: [number, number]; p99Range?: [number, number] };
}
