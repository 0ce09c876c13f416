/**
 * Port names as ipvsadm prints them without -n, and reads them in service addresses: getservbyport /
 * getservbyname over Debian's /etc/services (package netbase), generated into ./port-names.ts.
 * SCTP ports have no names there, so they print as numbers.
 */
import { TCP_NAMES, UDP_NAMES } from './port-names';

export type Proto = 'TCP' | 'UDP' | 'SCTP';

export function portName(port: number, proto: Proto): string | undefined {
  if (proto === 'SCTP') return undefined;
  return (proto === 'UDP' ? UDP_NAMES : TCP_NAMES)[port];
}

export function portByName(name: string, proto: Proto): number | undefined {
  if (proto === 'SCTP') return undefined;
  const table = proto === 'UDP' ? UDP_NAMES : TCP_NAMES;
  for (const [p, n] of Object.entries(table)) if (n === name) return Number(p);
  return undefined;
}
