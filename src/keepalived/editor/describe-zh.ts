/** describeType (schema/arguments.ts) in Chinese: what a keyword's value must be, built from its spec. */
import type { ArgSpec } from '../schema/arguments';

export function describeTypeZh(spec: ArgSpec): string {
  // Words the value may be followed by ("then optionally 'reverse'") are literal: keep them.
  const extras = [...spec.what.matchAll(/'([^']+)'/g)].map((m) => `'${m[1]}'`);
  const base = typeOnly(spec);
  return extras.length ? `${base}（另可写 ${extras.join('、')}）` : base;
}

function typeOnly(spec: ArgSpec): string {
  switch (spec.type) {
    case 'flag': return '不带值';
    case 'bool': return 'on/off（true/false、yes/no；只写关键字即为 on）';
    case 'uint': return `${spec.min}–${spec.max} 的整数`;
    case 'int': return `${spec.min}–${spec.max} 的整数（可为负）`;
    case 'decimal': return `${spec.min}–${spec.max} 的数，最多 ${spec.places} 位小数`;
    case 'enum': return `以下之一：${spec.values!.join('、')}`;
    case 'ipv4': return 'IPv4 地址';
    case 'ipv6': return 'IPv6 地址';
    case 'ip': return 'IPv4 或 IPv6 地址';
    case 'inet': return 'IPv4 地址或掩码';
    case 'netmask': return 'IPv4 掩码';
    case 'umask': return 'umask（八进制数或 IWGRP|IWOTH 这类名字）';
    case 'port': return '端口 1–65535';
    case 'interface': return '网卡名';
    case 'path': return '文件路径';
    case 'script': return '命令（路径及参数）';
    case 'hex': return spec.min ? `${spec.min} 位十六进制数字` : '十六进制数字';
    case 'http_status': return 'HTTP 状态码 100–599，或 200-299 这样的范围';
    default: return '文本';
  }
}
