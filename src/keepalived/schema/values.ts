/**
 * How keepalived reads a parameter (lib/parser.c: read_unsigned, read_int, read_decimal_unsigned,
 * check_true_false; inet_pton / inet_aton for addresses), as pure checks that return the problem in
 * words, or undefined when the value is fine.
 */
import type { ArgSpec } from './arguments/types';

export type ValueCheck = (text: string) => string | undefined;

const INT = /^\d+$/;
const SIGNED = /^-?\d+$/;
const DEC = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;
const HEX = /^[0-9a-fA-F]+$/;
const HEX_WILD = /^[0-9a-fA-FxX]+$/;
const BOOLS = ['on', 'off', 'true', 'false', 'yes', 'no'];

const range = (t: string, n: number, min: number, max: number) =>
  n < min || n > max ? `number '${t}' outside range [${min}, ${max}]: write a number from ${min} to ${max}` : undefined;

export const uint = (min: number, max: number): ValueCheck => (t) =>
  INT.test(t) ? range(t, Number(t), min, max) : `invalid number '${t}': write a whole number from ${min} to ${max}`;

export const int = (min: number, max: number): ValueCheck => (t) =>
  SIGNED.test(t) ? range(t, Number(t), min, max) : `invalid number '${t}': write a whole number from ${min} to ${max}`;

/** A decimal with up to `places` places (seconds, with microseconds), as read_decimal_unsigned reads it. */
export const decimal = (min: number, max: number, places = 6): ValueCheck => (t) => checkDecimal(t, min, max, places);

function checkDecimal(t: string, min: number, max: number, places: number): string | undefined {
  const m = DEC.exec(t);
  if (!m) return `invalid number '${t}': write a number such as 1 or 0.5`;
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > places) return `number '${t}' has too many decimal places: write at most ${places}`;
  return range(t, Number(t), min, max);
}

export const oneOf = (values: readonly string[], opts: { caseless?: boolean } = {}): ValueCheck => (t) => {
  const lower = t.toLowerCase();
  const ok = opts.caseless ? values.some((v) => v.toLowerCase() === lower) : values.includes(t);
  if (ok) return undefined;
  const near = values.find((v) => v.toLowerCase() === lower);
  return near ? `'${t}' is not one of ${values.join(', ')}: write '${near}' (keepalived is case-sensitive here)` : `'${t}' is not one of ${values.join(', ')}`;
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

/** inet_aton's forms: a.b.c.d, a.b.c, a.b or a, each part decimal, octal (0…) or hex (0x…). */
export function isInetAton(t: string): boolean {
  const parts = t.split('.');
  if (parts.length > 4) return false;
  const nums: number[] = [];
  for (const p of parts) {
    const n = /^0x[0-9a-f]*$/i.test(p) ? parseInt(p.slice(2) || '0', 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN;
    if (Number.isNaN(n)) return false;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return false;
  return last < 2 ** (8 * (4 - nums.length));
}

/** An address with an optional /prefix, as in virtual_ipaddress. */
export function isIpPrefix(t: string): boolean {
  const [addr, prefix, more] = t.split('/');
  if (more !== undefined || !addr) return false;
  if (prefix === undefined) return isIp(addr);
  if (!INT.test(prefix)) return false;
  return isIpv4(addr) ? Number(prefix) <= 32 : isIpv6(addr) && Number(prefix) <= 128;
}

const withoutPrefix = (t: string) => {
  const slash = t.indexOf('/');
  return slash >= 0 && INT.test(t.slice(slash + 1)) ? t.slice(0, slash) : t;
};

const isMulticast = (t: string) => (isIpv4(t) ? Number(t.slice(0, t.indexOf('.'))) >> 4 === 14 : /^ff/i.test(t));

const UMASK_BITS = /^(I[RWX](USR|GRP|OTH))(\|I[RWX](USR|GRP|OTH))*$/;

/** umask_handler: a number (strtol base 0) within 0777, or permission names joined by '|'. */
function isUmask(t: string): boolean {
  if (/^\d/.test(t)) {
    const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^0[0-7]*$/.test(t) ? parseInt(t, 8) : /^[1-9]\d*$/.test(t) ? Number(t) : NaN;
    return n >= 0 && n <= 0o777;
  }
  return UMASK_BITS.test(t);
}

const HTTP_STATUS = /^\d{3}(-\d{3})?$/;

/** INT.test(t) without the regex: the values of most lines are plain numbers, checked by the thousand. */
function isDigits(t: string): boolean {
  const n = t.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The problem with `t` as a value of `spec`, in words, or undefined. */
export function checkValue(spec: ArgSpec, t: string): string | undefined {
  switch (spec.type) {
    case 'uint':
    case 'port':
      // The same as uint(min, max)(t), without making a closure per value.
      return isDigits(t) ? range(t, Number(t), spec.min!, spec.max!) : `invalid number '${t}': write a whole number from ${spec.min!} to ${spec.max!}`;
    case 'int':
      return isDigits(t) || SIGNED.test(t) ? range(t, Number(t), spec.min!, spec.max!) : `invalid number '${t}': write a whole number from ${spec.min!} to ${spec.max!}`;
    case 'decimal': {
      const places = spec.places ?? 6;
      // A whole number has no decimal places to count: checkDecimal would come to the same range check.
      if (places >= 0 && isDigits(t)) return range(t, Number(t), spec.min!, spec.max!);
      return checkDecimal(t, spec.min!, spec.max!, places);
    }
    case 'enum':
      if (spec.orNumber && INT.test(t)) return undefined;
      // The common case, an exact match, before oneOf builds its closure and lower-cases.
      if (spec.values!.includes(t)) return undefined;
      return oneOf(spec.values!, spec.caseless ? { caseless: true } : {})(t);
    case 'bool':
      return BOOLS.includes(t) ? undefined : `'${t}' is not on or off: write on, off, true, false, yes or no (or nothing, which means on)`;
    case 'ipv4':
      if (!isIpv4(t)) return `'${t}' is not an IPv4 address: write one such as 224.0.0.18`;
      return spec.special === 'multicast' && !isMulticast(t) ? `'${t}' is not a multicast address: write one from 224.0.0.0 to 239.255.255.255, such as 224.0.0.18` : undefined;
    case 'ipv6':
      if (!isIpv6(t)) return `'${t}' is not an IPv6 address: write one such as ff02::12`;
      return spec.special === 'multicast' && !isMulticast(t) ? `'${t}' is not a multicast address: write one starting ff, such as ff02::12` : undefined;
    case 'ip': {
      // keepalived's address parser takes (and ignores) a /prefix here.
      const a = withoutPrefix(t);
      if (!isIp(a)) return `'${t}' is not an IP address: write one such as 192.168.1.10 or fe80::1`;
      return spec.special === 'multicast' && !isMulticast(a) ? `'${t}' is not a multicast address: write one such as 224.0.0.18 or ff02::12` : undefined;
    }
    case 'netmask':
      return isInetAton(t) ? undefined : `'${t}' is not an IPv4 netmask: write one such as 255.255.255.0`;
    case 'umask':
      return isUmask(t) ? undefined : `'${t}' is not a umask: write an octal number such as 0022, or names such as IWGRP|IWOTH`;
    case 'inet':
      return isInetAton(t) || isIpv6(t) ? undefined : `'${t}' is not an IPv4 address: write one such as 192.168.1.10 (or 255.255.255.0 for a mask)`;
    case 'hex':
      if (!(spec.special === 'wildcard' ? HEX_WILD : HEX).test(t)) return `'${t}' is not hexadecimal: write digits 0-9 and a-f only`;
      return spec.min && t.length !== spec.min ? `'${t}' has ${t.length} hex digits: write exactly ${spec.min}` : undefined;
    case 'http_status':
      return HTTP_STATUS.test(t) && Number(t.slice(0, 3)) >= 100 && Number(t.slice(0, 3)) <= 599 ? undefined : `status code '${t}' is not an HTTP status from 100 to 599: write one such as 200, or a range such as 200-299`;
    default:
      return undefined;
  }
}
