/**
 * Wide tables scroll sideways on narrow screens (Starlight gives them overflow: auto); a region that
 * scrolls must be reachable by keyboard, so every table in the prose gets tabindex="0".
 */
export default function rehypeFocusableTables() {
  /** @param {any} node */
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'table') {
      node.properties = { ...node.properties, tabIndex: 0 };
    }
    for (const child of node.children ?? []) visit(child);
  };
  return visit;
}
