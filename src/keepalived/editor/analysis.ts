/**
 * Everything the playground shows about a config, computed in one pass and made of plain data, so a
 * Web Worker can compute it and post it back (the page never parses a large text on its main thread).
 */
import { parseConfig, type Diagnostic, type KeepalivedModel } from '../index';
import { ipvsTableFromModel, listNumeric } from '../../sim/ipvs';
import { readBack, type ReadBackBlock } from './read-back';

/** More than this many diagnostics are counted, not listed: a page of 100 000 underlines helps nobody. */
export const MAX_LISTED = 1000;

export interface Analysis {
  /** The request's number, so a late answer for an older text can be recognised. */
  version: number;
  errors: number;
  warnings: number;
  total: number;
  diagnostics: Diagnostic[];
  model: KeepalivedModel;
  readBack: ReadBackBlock[];
  /** `ipvsadm -Ln` of the table keepalived builds at start (every real server up). */
  ipvs: string;
  /** Lines of virtual_server blocks whose table cannot be derived (an undefined group). */
  skipped: number[];
  ms: number;
}

export function analyse(text: string, version: number, interfaces?: readonly string[]): Analysis {
  const t0 = Date.now();
  const result = parseConfig(text, interfaces?.length ? { interfaces } : {});
  const all = result.diagnostics;
  const table = ipvsTableFromModel(result.model);
  return {
    version,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    total: all.length,
    diagnostics: all.slice(0, MAX_LISTED),
    model: result.model,
    readBack: readBack(result.model),
    ipvs: listNumeric(table.services),
    skipped: table.skipped,
    ms: Date.now() - t0,
  };
}
