import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One axe-core finding worth failing on, short enough to read in a test report. */
export interface AxeFinding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, axe's best practices and its experimental rules, such as
 * label-content-name-mismatch) on the page as it is now and
 * returns the serious and critical violations (of `onlyRules` alone when given). The page's context must bypass the app's CSP
 * (`bypassCSP: true`): axe is a script injected into the page.
 */
export async function seriousViolations(page: Page, screen: string, onlyRules?: string[]): Promise<AxeFinding[]> {
  const builder = new AxeBuilder({ page });
  const results = await (onlyRules ? builder.withRules(onlyRules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])).analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => ({
      screen,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`),
    }));
}
