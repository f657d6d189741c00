// Checks that whole-app tests run on any page: console errors and CSP violations, and axe-core.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';

/** Console errors, uncaught page errors and CSP violations seen in a browser context. */
export interface Problems {
  readonly list: string[];
}

/**
 * Starts recording problems in every page of `context`. CSP violations are reported by an init script (it
 * runs outside the page's CSP) as console errors with a 'CSP violation' prefix.
 */
export async function watchProblems(context: BrowserContext, ignore: RegExp[] = []): Promise<Problems> {
  const problems: Problems = { list: [] };
  const add = (text: string) => {
    if (!ignore.some((re) => re.test(text))) problems.list.push(text);
  };
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') add(`console.error on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => add(`uncaught on ${page.url()}: ${error.stack ?? error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

let axeSource: Promise<string> | undefined;

/** Runs axe-core on the page and returns its serious and critical violations, one readable line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile('node_modules/axe-core/axe.min.js', 'utf8');
  // Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by the page's CSP.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeLike }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) =>
          `${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ')}: ${n.failureSummary ?? ''}`.replace(
            /\s+/g,
            ' ',
          ),
        ),
      }));
  });
  return violations.map((v) => `[${v.impact}] ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`);
}

interface AxeLike {
  run(
    context: Document,
    options: { resultTypes: string[] },
  ): Promise<{
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: Array<string | string[]>; failureSummary?: string }>;
    }>;
  }>;
}
