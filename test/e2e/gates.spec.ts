/**
 * The accessibility gate can fail: the same axe check every page passes (fixtures.ts) reports
 * best-practice faults, here put on a real page on purpose.
 */
import { test, expect, axeViolations } from './fixtures';

test('the axe gate fails a page with two landmarks of one name and an empty table header', async ({ guarded: page }) => {
  await page.goto('/en/playground/');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    main.insertAdjacentHTML(
      'beforeend',
      '<section aria-label="Same"><p>one</p></section><section aria-label="Same"><p>two</p></section>' +
        '<table><thead><tr><th></th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    );
  });
  const found = await axeViolations(page);
  expect(found.some((v) => v.startsWith('landmark-unique'))).toBe(true);
  expect(found.some((v) => v.startsWith('empty-table-header'))).toBe(true);
});
