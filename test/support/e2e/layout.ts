import type { Page } from '@playwright/test';

/** One box whose content does not fit, or a primary action out of sight. */
export interface LayoutProblem {
  screen: string;
  problem: string;
  element: string;
}

/*
 * Runs in the page, as plain JavaScript (this project's node-side types have no DOM). Checks the
 * page as laid out now: no button, row, cell or badge lets its content spill out (content wider or
 * taller than the box, unless the box truncates on purpose with an ellipsis or scrolls), no cell
 * sticks out of its row, the page itself does not scroll sideways, and every primary action of
 * the top layer is inside the viewport (an open dialog's: in view at once; the page's: not cut
 * off at the side).
 */
const MEASURE = String.raw`(() => {
  const problems = [];
  const describe = (element) => {
    const text = (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const label = element.getAttribute('aria-label') || '';
    const classes = typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\s+/).join('.') : '';
    return element.tagName.toLowerCase() + classes + ' "' + (label || text) + '"';
  };
  const visible = (element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const truncatesOnPurpose = (element) => {
    const style = getComputedStyle(element);
    return style.textOverflow === 'ellipsis' || ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY);
  };

  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    // Named by the innermost visible elements that reach past the window's right edge.
    const past = [...document.querySelectorAll('body *')].filter((element) => visible(element) && element.getBoundingClientRect().right > window.innerWidth + 1);
    const innermost = past.filter((element) => !past.some((other) => other !== element && element.contains(other))).slice(0, 3);
    problems.push({ problem: 'the page scrolls sideways (' + document.documentElement.scrollWidth + ' px in ' + window.innerWidth + ' px)', element: innermost.map(describe).join('; ') || 'html' });
  }

  const boxes = document.querySelectorAll('button, [role="button"], a.button, tr, [role="row"], td, th, [role="cell"], [role="gridcell"], [role="rowheader"], .badge, .chip');
  for (const element of boxes) {
    if (!visible(element) || truncatesOnPurpose(element)) continue;
    if (element.scrollWidth > element.clientWidth + 2) {
      problems.push({ problem: 'content is ' + (element.scrollWidth - element.clientWidth) + ' px wider than its box', element: describe(element) });
    }
  }
  for (const row of document.querySelectorAll('tr, [role="row"]')) {
    if (!visible(row)) continue;
    const box = row.getBoundingClientRect();
    for (const cell of row.children) {
      if (!visible(cell)) continue;
      const rect = cell.getBoundingClientRect();
      if (rect.bottom > box.bottom + 1 || rect.top < box.top - 1 || rect.right > box.right + 1) problems.push({ problem: 'a cell sticks out of its row', element: describe(cell) });
    }
  }

  // A dialog's or sheet's primary action is in view as it opens; a page's may be further down the
  // page, but it fits the window and is never cut off at the side.
  const dialogs = [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')].filter(visible);
  const layer = dialogs[dialogs.length - 1] || document.querySelector('main') || document.body;
  for (const action of layer.querySelectorAll('.button--primary')) {
    if (!visible(action)) continue;
    const rect = action.getBoundingClientRect();
    const inside = dialogs.length > 0
      ? rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight + 1 && rect.right <= window.innerWidth + 1
      : rect.left >= 0 && rect.right <= window.innerWidth + 1 && rect.height <= window.innerHeight;
    if (!inside) problems.push({ problem: 'a primary action is outside the ' + window.innerWidth + 'x' + window.innerHeight + ' viewport', element: describe(action) });
  }
  return problems;
})()`;

export async function layoutProblems(page: Page, screen: string): Promise<LayoutProblem[]> {
  const found = (await page.evaluate(MEASURE)) as Array<{ problem: string; element: string }>;
  return found.map((problem) => ({ screen, ...problem }));
}
