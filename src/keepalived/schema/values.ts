/**
 * How keepalived reads a parameter (lib/parser.c: read_unsigned, read_int, read_decimal_unsigned,
 * check_true_false; inet_pton / inet_aton for addresses), as pure checks that return the problem in
 * words, or undefined when the value is fine.
 */
import type { ArgSpec } from './arguments/types';

/** A problem with a value, in English and Chinese. */
export interface Problem {
  en: string;
  zh: string;
}
const P = (en: string, zh: string): Problem => ({ en, zh });

export type ValueCheck = (text: string) => Problem | undefined;

const INT = /^\d+$/;
const SIGNED = /^-?\d+$/;
const DEC = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;
const HEX = /^[0-9a-fA-F]+$/;
const HEX_WILD = /^[0-9a-fA-FxX]+$/;
const BOOLS = ['on', 'off', 'true', 'false', 'yes', 'no'];

const range = (t: string, n: number, min: number, max: number) =>
  n < min || n > max ? P(`number '${t}' outside range [${min}, ${max}]: write a number from ${min} to ${max}`, `数值 '${t}' 超出范围 [${min}, ${max}]：请写 ${min} 到 ${max} 之间的数`) : undefined;

export const uint = (min: number, max: number): ValueCheck => (t) =>
  INT.test(t) ? range(t, Number(t), min, max) : badWhole(t, min, max);

export const int = (min: number, max: number): ValueCheck => (t) =>
  SIGNED.test(t) ? range(t, Number(t), min, max) : badWhole(t, min, max);

/** A decimal with up to `places` places (seconds, with microseconds), as read_decimal_unsigned reads it. */
export const decimal = (min: number, max: number, places = 6): ValueCheck => (t) => checkDecimal(t, min, max, places);

function checkDecimal(t: string, min: number, max: number, places: number): Problem | undefined {
  const m = DEC.exec(t);
  if (!m) return P(`invalid number '${t}': write a number such as 1 or 0.5`, `无效的数值 '${t}'：请写 1 或 0.5 这样的数`);
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > places) return P(`number '${t}' has too many decimal places: write at most ${places}`, `数值 '${t}' 的小数位太多：最多 ${places} 位`);
  return range(t, Number(t), min, max);
}

export const oneOf = (values: readonly string[], opts: { caseless?: boolean } = {}): ValueCheck => (t) => {
  const lower = t.toLowerCase();
  const ok = opts.caseless ? values.some((v) => v.toLowerCase() === lower) : values.includes(t);
  if (ok) return undefined;
  const near = values.find((v) => v.toLowerCase() === lower);
  return near
    ? P(`'${t}' is not one of ${values.join(', ')}: write '${near}' (keepalived is case-sensitive here)`, `'${t}' 不是 ${values.join('、')} 之一：请写 '${near}'（keepalived 在这里区分大小写）`)
    : P(`'${t}' is not one of ${values.join(', ')}`, `'${t}' 不是 ${values.join('、')} 之一`);
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

const badWhole = (t: string, min: number, max: number) => P(`invalid number '${t}': write a whole number from ${min} to ${max}`, `无效的数值 '${t}'：请写 ${min} 到 ${max} 之间的整数`);

/** The problem with `t` as a value of `spec`, in words, or undefined. */
export function checkValue(spec: ArgSpec, t: string): Problem | undefined {
  switch (spec.type) {
    case 'uint':
    case 'port':
      // The same as uint(min, max)(t), without making a closure per value.
      return isDigits(t) ? range(t, Number(t), spec.min!, spec.max!) : badWhole(t, spec.min!, spec.max!);
    case 'int':
      return isDigits(t) || SIGNED.test(t) ? range(t, Number(t), spec.min!, spec.max!) : badWhole(t, spec.min!, spec.max!);
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
      return BOOLS.includes(t) ? undefined : P(`'${t}' is not on or off: write on, off, true, false, yes or no (or nothing, which means on)`, `'${t}' 不是 on 或 off：请写 on、off、true、false、yes 或 no（不写值表示 on）`);
    case 'ipv4':
      if (!isIpv4(t)) return P(`'${t}' is not an IPv4 address: write one such as 224.0.0.18`, `'${t}' 不是 IPv4 地址：请写 224.0.0.18 这样的地址`);
      return spec.special === 'multicast' && !isMulticast(t) ? P(`'${t}' is not a multicast address: write one from 224.0.0.0 to 239.255.255.255, such as 224.0.0.18`, `'${t}' 不是组播地址：请写 224.0.0.0 到 239.255.255.255 之间的地址，例如 224.0.0.18`) : undefined;
    case 'ipv6':
      if (!isIpv6(t)) return P(`'${t}' is not an IPv6 address: write one such as ff02::12`, `'${t}' 不是 IPv6 地址：请写 ff02::12 这样的地址`);
      return spec.special === 'multicast' && !isMulticast(t) ? P(`'${t}' is not a multicast address: write one starting ff, such as ff02::12`, `'${t}' 不是组播地址：请写以 ff 开头的地址，例如 ff02::12`) : undefined;
    case 'ip': {
      // keepalived's address parser takes (and ignores) a /prefix here.
      const a = withoutPrefix(t);
      if (!isIp(a)) return P(`'${t}' is not an IP address: write one such as 192.168.1.10 or fe80::1`, `'${t}' 不是 IP 地址：请写 192.168.1.10 或 fe80::1 这样的地址`);
      return spec.special === 'multicast' && !isMulticast(a) ? P(`'${t}' is not a multicast address: write one such as 224.0.0.18 or ff02::12`, `'${t}' 不是组播地址：请写 224.0.0.18 或 ff02::12 这样的地址`) : undefined;
    }
    case 'netmask':
      return isInetAton(t) ? undefined : P(`'${t}' is not an IPv4 netmask: write one such as 255.255.255.0`, `'${t}' 不是 IPv4 掩码：请写 255.255.255.0 这样的掩码`);
    case 'umask':
      return isUmask(t) ? undefined : P(`'${t}' is not a umask: write an octal number such as 0022, or names such as IWGRP|IWOTH`, `'${t}' 不是 umask：请写 0022 这样的八进制数，或 IWGRP|IWOTH 这样的名字`);
    case 'inet':
      return isInetAton(t) || isIpv6(t) ? undefined : P(`'${t}' is not an IPv4 address: write one such as 192.168.1.10 (or 255.255.255.0 for a mask)`, `'${t}' 不是 IPv4 地址：请写 192.168.1.10 这样的地址（掩码如 255.255.255.0）`);
    case 'hex':
      if (!(spec.special === 'wildcard' ? HEX_WILD : HEX).test(t)) return P(`'${t}' is not hexadecimal: write digits 0-9 and a-f only`, `'${t}' 不是十六进制：只能写 0-9 和 a-f`);
      return spec.min && t.length !== spec.min ? P(`'${t}' has ${t.length} hex digits: write exactly ${spec.min}`, `'${t}' 有 ${t.length} 位十六进制数字：必须正好 ${spec.min} 位`) : undefined;
    case 'http_status':
      return HTTP_STATUS.test(t) && Number(t.slice(0, 3)) >= 100 && Number(t.slice(0, 3)) <= 599 ? undefined : P(`status code '${t}' is not an HTTP status from 100 to 599: write one such as 200, or a range such as 200-299`, `状态码 '${t}' 不是 100 到 599 的 HTTP 状态：请写 200 这样的状态码，或 200-299 这样的范围`);
    default:
      return undefined;
  }
}
