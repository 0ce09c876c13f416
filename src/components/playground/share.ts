/**
 * The whole config in a share link: UTF-8 → base64url in the hash (`#cfg=…`), so nothing is sent
 * to a server. Returns undefined past the length a link can reasonably carry.
 */
export const MAX_LINK_CHARS = 16_000;

export function encodeConfig(text: string): string | undefined {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return b64.length <= MAX_LINK_CHARS ? b64 : undefined;
}

export function decodeConfig(b64: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(b64) || b64.length > MAX_LINK_CHARS) return undefined;
  try {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
