/**
 * What value every keyword keepalived 2.2.7 accepts takes: its type, range or choices, what it means,
 * and whether keepalived -t fails on a bad one (./arguments/*.ts, one file per block family, read
 * from keepalived's keyword handlers and checked against `keepalived -t`). Keyed by "block/keyword"
 * ("/keyword" at the top level); `*` stands for any checker block. Read by the validator
 * (diagnose/arguments.ts), hover and completion.
 */
import { GLOBAL } from './arguments/global';
import { VRRP } from './arguments/vrrp';
import { CHECK } from './arguments/check';
import { OTHER } from './arguments/other';
import type { ArgSpec } from './arguments/types';

export type { ArgSpec, ArgType } from './arguments/types';
export { SCHEDULERS } from './arguments/check';

export const ARGUMENTS: Readonly<Record<string, ArgSpec>> = { ...GLOBAL, ...VRRP, ...CHECK, ...OTHER };

const CHECKERS = new Set(['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK', 'BFD_CHECK', 'host']);

/** parent → keyword → spec, built once so the validator does no string building per line. */
const BY_PARENT = new Map<string, Map<string, ArgSpec>>();
const GENERIC = new Map<string, ArgSpec>();
for (const [key, spec] of Object.entries(ARGUMENTS)) {
  const slash = key.lastIndexOf('/');
  const parent = key.slice(0, slash);
  const keyword = key.slice(slash + 1);
  if (parent === '*') GENERIC.set(keyword, spec);
  else {
    let m = BY_PARENT.get(parent);
    if (!m) BY_PARENT.set(parent, (m = new Map()));
    m.set(keyword, spec);
  }
}

const NO_SPECS = new Map<string, ArgSpec>();

/** The specs of one block's keywords, looked up once per block rather than once per keyword. */
export function argumentSpecsOf(parent: string): { own: ReadonlyMap<string, ArgSpec>; generic: ReadonlyMap<string, ArgSpec> } {
  return { own: BY_PARENT.get(parent) ?? NO_SPECS, generic: CHECKERS.has(parent) ? GENERIC : NO_SPECS };
}

/** The spec of `keyword` inside the block `parent` ('' at the top level). */
export const argumentSpec = (parent: string, keyword: string): ArgSpec | undefined =>
  BY_PARENT.get(parent)?.get(keyword) ?? (CHECKERS.has(parent) ? GENERIC.get(keyword) : undefined);

/** The value's type in words, for hover and completion: "unsigned integer 1–255", "one of MASTER, BACKUP". */
export function describeType(spec: ArgSpec): string {
  switch (spec.type) {
    case 'flag': return 'no value';
    case 'bool': return 'on/off (true/false, yes/no; alone = on)';
    case 'uint': return `whole number ${spec.min}–${spec.max}`;
    case 'int': return `integer ${spec.min}–${spec.max}`;
    case 'decimal': return `number ${spec.min}–${spec.max}, up to ${spec.places} decimal places`;
    case 'enum': return `one of ${spec.values!.join(', ')}`;
    case 'ipv4': return 'IPv4 address';
    case 'ipv6': return 'IPv6 address';
    case 'ip': return 'IPv4 or IPv6 address';
    case 'inet': return 'IPv4 address or netmask';
    case 'port': return 'port 1–65535';
    case 'interface': return 'interface name';
    case 'path': return 'file path';
    case 'script': return 'command (path and arguments)';
    case 'hex': return spec.min ? `${spec.min} hex digits` : 'hex digits';
    case 'http_status': return 'HTTP status 100–599, or a range such as 200-299';
    default: return 'text';
  }
}
