/** Helpers shared by the end-to-end tests: what the built page has drawn, and what it asked the network for. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser';

/** Fraction of a waveform view's canvas pixels that are painted (not transparent); 0 = A, 1 = B. */
export async function paintedFraction(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => {
    const host = document.querySelectorAll('[data-testid="waveform"]')[i]?.firstElementChild as HTMLElement | null;
    const canvases = [...(host?.shadowRoot?.querySelectorAll('canvas') ?? [])];
    let painted = 0;
    let total = 0;
    for (const c of canvases) {
      if (!c.width || !c.height) continue;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let p = 3; p < data.length; p += 4) {
        total++;
        if (data[p] > 0) painted++;
      }
    }
    return total ? painted / total : 0;
  }, index);
}

/** Labels of the wavesurfer.js regions drawn in a view (inside its shadow root), left to right. */
export async function drawnRegionLabels(page: Page, index: number): Promise<string[]> {
  return page.evaluate((i) => {
    const host = document.querySelectorAll('[data-testid="waveform"]')[i]?.firstElementChild as HTMLElement | null;
    const regions = [...(host?.shadowRoot?.querySelectorAll('[part~="region"]') ?? [])] as HTMLElement[];
    return regions
      .filter((r) => r.getBoundingClientRect().width > 0)
      .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)
      .map((r) => r.textContent?.trim() ?? '');
  }, index);
}

/** Wait until nothing is loading or rendering. */
export async function settled(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout });
}

/**
 * Record Content Security Policy violations from the very start of every page of the
 * context (an init script runs before the page's own scripts).
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = log;
    document.addEventListener('securitypolicyviolation', (e) =>
      log.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample}`),
    );
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** axe-core's own bundle, injected by `evaluate` (the page's CSP allows no inline script, and evaluate is not one). */
const axeSource = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/**
 * WCAG 2.1 A and AA violations on the page as it is now, one line each (rule, impact, where):
 * an empty list passes. `exclude`: CSS selectors left out, each with its reason at the caller.
 */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (excluded) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(
      { include: [document], exclude: excluded.map((s) => [s]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
    );
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, exclude);
}

/**
 * One browser and one page of the built lab for a whole test file (each launch and load costs
 * seconds): opened before the first test, once its lower panels are up and nothing is loading.
 */
export function sharedLab(): { page: Page } {
  const lab = {} as { page: Page; browser?: Browser };
  beforeAll(async () => {
    lab.browser = await launchChromium();
    lab.page = await lab.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await lab.page.goto(inject('baseUrl'));
    await lab.page.getByRole('region', { name: 'Blind ABX test' }).waitFor();
    await settled(lab.page, 60_000); // generous: CI shares two cores
  });
  afterAll(async () => {
    await lab.browser?.close();
  });
  return lab;
}
