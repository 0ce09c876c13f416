/*
 * Expressive Code makes a code block that scrolls sideways a keyboard-reachable region
 * (tabindex="0", role="region") but leaves it without a name, so a page with two such blocks has
 * two landmarks no one can tell apart (axe: landmark-unique). This names each one after its place
 * on the page ("Code block 2 (text)", 代码块 2), and takes the name away again when the block no
 * longer scrolls and Expressive Code removes the role. Runs inline in every page's head.
 */
(function () {
  var zh = (document.documentElement.lang || '').toLowerCase().indexOf('zh') === 0;
  function name(pre) {
    if (pre.getAttribute('role') !== 'region') {
      if (pre.hasAttribute('data-named')) {
        pre.removeAttribute('aria-label');
        pre.removeAttribute('data-named');
      }
      return;
    }
    if (pre.hasAttribute('aria-label') && !pre.hasAttribute('data-named')) return;
    var all = document.querySelectorAll('.expressive-code pre');
    var n = Array.prototype.indexOf.call(all, pre) + 1;
    var lang = pre.getAttribute('data-language') || '';
    pre.setAttribute('aria-label', (zh ? '代码块 ' : 'Code block ') + n + (lang ? ' (' + lang + ')' : ''));
    pre.setAttribute('data-named', '');
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (c) {
      if (c.target.matches && c.target.matches('.expressive-code pre')) name(c.target);
    });
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['role'] });
})();
