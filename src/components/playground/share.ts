/**
 * The whole config in a share link, in the URL fragment (never sent to a server).
 *   version 2: `#config=2.<base64url of the UTF-8 text, deflate-raw compressed>`
 *   version 1: `#cfg=<base64url of the UTF-8 text>` (links from before compression still open)
 * A newer version than this page knows is refused with a message rather than misread.
 */
export const LINK_VERSION = 2;
/** Past this many characters of fragment, a link is refused: some chat tools and browsers cut longer ones. */
export const MAX_LINK_CHARS = 32_000;

const toB64url = (bytes: Uint8Array): string => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromB64url = (s: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    return Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
};

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The fragment for `text` (without '#'), or how long it would be when that is too long for a link. */
export async function encodeConfig(text: string): Promise<{ fragment: string } | { tooLong: number }> {
  const raw = new TextEncoder().encode(text);
  const packed = await through(raw, new CompressionStream('deflate-raw'));
  const fragment = `config=${LINK_VERSION}.${toB64url(packed)}`;
  return fragment.length <= MAX_LINK_CHARS ? { fragment } : { tooLong: fragment.length };
}

export type Decoded = { text: string } | { error: 'newer' | 'damaged' } | undefined;

/** The config a fragment carries (undefined when it carries none). Never throws. */
export async function decodeConfig(hash: string): Promise<Decoded> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const v2 = params.get('config');
  const v1 = params.get('cfg');
  if (v2 !== null) {
    const m = /^(\d+)\.(.*)$/.exec(v2);
    if (!m) return { error: 'damaged' };
    if (Number(m[1]) > LINK_VERSION) return { error: 'newer' };
    const bytes = fromB64url(m[2]!);
    if (!bytes || m[2]!.length > MAX_LINK_CHARS) return { error: 'damaged' };
    try {
      const raw = await through(bytes, new DecompressionStream('deflate-raw'));
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
    } catch {
      return { error: 'damaged' };
    }
  }
  if (v1 !== null) {
    const bytes = v1.length <= MAX_LINK_CHARS ? fromB64url(v1) : undefined;
    if (!bytes) return { error: 'damaged' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { error: 'damaged' };
    }
  }
  return undefined;
}

/** Version 1's plain encoding, still used by the labs' links (player/url.ts) for small JSON. */
export function encodePlain(text: string): string {
  return toB64url(new TextEncoder().encode(text));
}

export function decodePlain(b64: string): string | undefined {
  const bytes = fromB64url(b64);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
