/**
 * The kernel's files, kept in the browser's Cache Storage once fetched, so a reader who started the
 * machine once can start it again with no network. Each file is kept under its address plus its
 * checksum from the manifest: a rebuilt image is a new key, and the old ones are dropped.
 */
const CACHE = 'lvs-lab-kernel';

const openCache = async (): Promise<Cache | undefined> => {
  try {
    return await caches.open(CACHE);
  } catch {
    return undefined; // No Cache Storage here (a private window may refuse it): fetch every time.
  }
};

/** The manifest: the network's when online (a newer image), the kept one when not. */
export async function fetchManifest(url: string): Promise<{ text: string; fromCache: boolean }> {
  const cache = await openCache();
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    await cache?.put(url, new Response(text, { headers: { 'content-type': 'application/json' } }));
    return { text, fromCache: false };
  } catch (err) {
    const kept = await cache?.match(url);
    if (kept) return { text: await kept.text(), fromCache: true };
    throw err;
  }
}

/** One file, from the cache if kept under this checksum, else from the network (and then kept). */
export async function fetchKept(url: string, sha256: string, onBytes: (loaded: number, total: number) => void): Promise<{ data: ArrayBuffer; fromCache: boolean }> {
  const cache = await openCache();
  const key = `${url}?sha256=${sha256}`;
  const kept = await cache?.match(key);
  if (kept) {
    const data = await kept.arrayBuffer();
    onBytes(data.byteLength, data.byteLength);
    return { data, fromCache: true };
  }
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.byteLength;
    onBytes(loaded, total);
  }
  const data = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  await cache?.put(key, new Response(data.slice().buffer));
  return { data: data.buffer, fromCache: false };
}

/** Drops kept files that no current key names (an older image's). */
export async function dropOthers(keep: string[]): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  for (const req of await cache.keys()) {
    const u = new URL(req.url);
    if (u.search && !keep.some((k) => req.url.endsWith(k))) await cache.delete(req);
  }
}
