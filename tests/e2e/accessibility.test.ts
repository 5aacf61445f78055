/**
 * Accessibility of the built lab: every control named and reachable by Tab with a
 * visible focus ring, text readable in the dark, light and projector themes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { settled } from './helpers';
import { contrastRatio } from '../../src/ui/contrast';

/** [foreground, background, minimum ratio]: where each colour is used on which surface. */
const PAIRS: [string, string, number][] = [
  ['--text', '--bg', 4.5],
  ['--text', '--panel', 4.5],
  ['--text', '--panel-2', 4.5],
  ['--muted', '--bg', 4.5],
  ['--muted', '--panel', 4.5],
  ['--accent-a', '--panel', 4.5], // view titles, level table
  ['--accent-b', '--panel', 4.5],
  ['--accent-a', '--panel-2', 4.5], // the pressed A/B button
  ['--accent-b', '--panel-2', 4.5],
  ['--danger', '--panel', 4.5],
  ['--warning', '--panel', 4.5],
  ['--focus', '--bg', 3], // focus ring: a non-text indicator
  ['--focus', '--panel', 3],
];

async function themeColors(page: Page): Promise<Record<string, string>> {
  return page.evaluate((names) => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]));
  }, [...new Set(PAIRS.flat().filter((x): x is string => typeof x === 'string'))]);
}

function failingPairs(colors: Record<string, string>): string[] {
  return PAIRS.filter(([fg, bg, min]) => contrastRatio(colors[fg], colors[bg]) < min).map(
    ([fg, bg, min]) => `${fg} on ${bg}: ${contrastRatio(colors[fg], colors[bg]).toFixed(2)} < ${min}`,
  );
}

describe('accessibility of the built lab', () => {
  let browser: Browser;
  let page: Page;

  // One page for every check: each page load decodes and renders audio, and time counts.
  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
    page = await context.newPage();
    await page.goto(inject('baseUrl'));
    await settled(page);
    await page.getByRole('button', { name: 'Start class demo' }).click();
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names every control and reaches every enabled one with Tab, showing a focus ring', async () => {
    // Accessible names, as a screen reader gets them.
    const tree = await page.locator('body').ariaSnapshot();
    // A named control reads `- button "Play"`; an unnamed one `- button`, `- slider [disabled]: "1"`.
    const controlLines = tree.split('\n').filter((line) => /^\s*-\s+'?(button|slider|combobox|checkbox|link|textbox)\b/.test(line));
    expect(controlLines.length).toBeGreaterThan(15);
    const unnamed = controlLines.filter((line) => /^\s*-\s+'?(button|slider|combobox|checkbox|link|textbox)(\s+\[[^\]]*\])*\s*(:.*)?$/.test(line));
    expect(unnamed).toEqual([]);

    // Tab once around the page, noting each stop and its focus ring.
    const stops = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('button:not(:disabled), input:not(:disabled), select:not(:disabled), a[href]')];
      controls.forEach((c, i) => c.setAttribute('data-tab-probe', String(i)));
      return controls.length;
    });
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const reached: { probe: string; outline: string }[] = [];
    for (let i = 0; i < stops + 5; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { probe: el.getAttribute('data-tab-probe') ?? `unexpected ${el.tagName}`, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      if (!stop) continue;
      if (reached.some((s) => s.probe === stop.probe)) break; // wrapped around
      reached.push(stop);
    }
    expect(reached.map((s) => s.probe).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: stops }, (_, i) => String(i)));
    const withoutRing = reached.filter((s) => s.outline.startsWith('none') || Number.parseFloat(s.outline.split(' ')[1]) < 2);
    expect(withoutRing).toEqual([]);
  });

  for (const colorScheme of ['dark', 'light'] as const) {
    it(`${colorScheme} theme, plain and projector mode: every text colour readable on its surface (WCAG AA)`, async () => {
      await page.emulateMedia({ colorScheme });
      const toggle = page.getByRole('button', { name: 'Projector mode' });
      if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
      const plain = await themeColors(page);
      expect(failingPairs(plain)).toEqual([]);

      await toggle.click();
      expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
      const projector = await themeColors(page);
      expect(failingPairs(projector)).toEqual([]);
      expect(contrastRatio(projector['--text'], projector['--bg'])).toBeGreaterThanOrEqual(contrastRatio(plain['--text'], plain['--bg']));
      // Large type: 150 % of the browser's default.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
      await page.keyboard.press('Escape'); // leave the demo…
      await page.getByRole('button', { name: 'Start class demo' }).click(); // …and come back to scene 1
      await page.keyboard.press('PageDown');
      await expect.poll(() => page.locator('#scene-title').textContent()).toBe('Anatomy of a reverb tail');
      await settled(page);
      await page.screenshot({ path: `docs/scenes/projector-${colorScheme}.png`, fullPage: true });
    });
  }

  it('remembers projector mode across a reload', async () => {
    expect(await page.getByRole('button', { name: 'Projector mode' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Projector mode' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Projector mode' }).click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(false);
  });
});
