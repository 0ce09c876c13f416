/** What every check gets: the tree, the model, and what is known about the host. */
import type { ConfigNode } from '../parser';
import type { KeepalivedModel } from '../model';
import type { Diagnostic } from '../types';

export interface CheckContext {
  nodes: readonly ConfigNode[];
  model: KeepalivedModel;
  /** The host's interfaces, when known (keepalived -t checks them); undefined: not checked. */
  interfaces?: readonly string[];
  out: Diagnostic[];
}
