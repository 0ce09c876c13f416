/**
 * Chapters link to each other by site paths ("/en/playground/"). When the site is built under a
 * base path (served from /lvs-lab/), those links must carry it; Starlight does this for its own
 * navigation, not for links written in the prose.
 * @param {{ base?: string }} [options]
 */
export default function rehypeBaseLinks(options = {}) {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  /** @param {any} node */
  const visit = (node) => {
    if (base !== '/' && node.type === 'element' && node.tagName === 'a') {
      const href = node.properties?.href;
      if (typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') && !href.startsWith(base)) {
        node.properties.href = base + href.slice(1);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  return visit;
}
