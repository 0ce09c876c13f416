/**
 * How keepalived reads a parameter (lib/parser.c: read_unsigned, read_decimal_unsigned, read_timer),
 * as pure checks that return the problem in words, or undefined when the value is fine.
 */
export type ValueCheck = (text: string) => string | undefined;

const INT = /^\d+$/;
const DEC = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

export const uint = (min: number, max: number): ValueCheck => (t) => {
  if (!INT.test(t)) return `invalid number '${t}': write a whole number from ${min} to ${max}`;
  const n = Number(t);
  return n < min || n > max ? `number '${t}' outside range [${min}, ${max}]` : undefined;
};

/** A decimal with up to six places (seconds, with microseconds), as read_decimal_unsigned reads it. */
export const decimal = (min: number, max: number): ValueCheck => (t) => {
  if (!DEC.test(t)) return `invalid number '${t}': write a number such as 1 or 0.5`;
  const n = Number(t);
  return n < min || n > max ? `number '${t}' outside range [${min}, ${max}]` : undefined;
};

export const oneOf = (values: readonly string[], opts: { caseless?: boolean } = {}): ValueCheck => (t) => {
  const ok = opts.caseless ? values.some((v) => v.toLowerCase() === t.toLowerCase()) : values.includes(t);
  return ok ? undefined : `'${t}' is not one of ${values.join(', ')}`;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(t: string): boolean {
  return IPV4.test(t);
}

export function isIpv6(t: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(t) || !t.includes(':')) return false;
  const dbl = t.split('::');
  if (dbl.length > 2) return false;
  const groups = t.split(':').filter((g, i, a) => g !== '' || (i > 0 && i < a.length - 1));
  const last = groups.at(-1) ?? '';
  const v4 = last.includes('.');
  if (v4 && !IPV4.test(last)) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (hex.some((g) => g !== '' && !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.filter((g) => g !== '').length + (v4 ? 2 : 0);
  return dbl.length === 2 ? count < 8 : count === 8;
}

export const isIp = (t: string) => isIpv4(t) || isIpv6(t);

/** An address with an optional /prefix, as in virtual_ipaddress. */
export function isIpPrefix(t: string): boolean {
  const [addr, prefix, more] = t.split('/');
  if (more !== undefined || !addr) return false;
  if (prefix === undefined) return isIp(addr);
  if (!INT.test(prefix)) return false;
  return isIpv4(addr) ? Number(prefix) <= 32 : isIpv6(addr) && Number(prefix) <= 128;
}
