import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';

/** Fraction of a view's canvas pixels that are painted (not transparent). */
async function paintedFraction(page: Page, index: number): Promise<number> {
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

describe('the built lab in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens with a bundled clip and draws A and B', async () => {
    await page.getByRole('heading', { name: 'A: original' }).waitFor();
    // B is rendered offline once the clip and IR have decoded.
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
    await expect.poll(() => paintedFraction(page, 0), { timeout: 10_000 }).toBeGreaterThan(0.005);
    await expect.poll(() => paintedFraction(page, 1), { timeout: 10_000 }).toBeGreaterThan(0.005);
    expect(errors).toEqual([]);
  });

  it('plays and switches A/B from the keyboard without restarting', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } }); // a user gesture for the AudioContext
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    const position = async () => Number((await page.getByTestId('position').textContent())!.split(' ')[0]);
    await expect.poll(position, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0.05);
    const before = await position();
    await page.keyboard.press('b');
    expect(await page.getByRole('button', { name: 'B: processed' }).getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(100);
    // Still playing, further on: the switch did not restart playback (the clip is 1.8 s).
    expect(await position()).toBeGreaterThan(before);
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.keyboard.press(' ');
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
  });
});
