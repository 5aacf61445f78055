/** Helpers shared by the end-to-end tests: what the built page has drawn, and what it asked the network for. */
import type { BrowserContext, Page } from 'playwright';

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
