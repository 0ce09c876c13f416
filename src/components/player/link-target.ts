/**
 * Does the address carry a moment of player `id`? Kept apart from ./url.ts (which decodes settings)
 * so that every page's small loader (../lazy.ts) can ask without loading the rest.
 */
const ID = /^[A-Za-z][\w-]{0,40}$/;

export function linksTo(hash: string, id: string): boolean {
  if (!ID.test(id)) return false;
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return ['v', 't', 's'].some((k) => params.has(`${id}.${k}`));
}
