import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { paintedFraction } from './helpers';

describe('the built lab in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  /** Requests for the opening clip, and the page's warnings (an unused preload gets one). */
  const clipRequests: string[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => void (r.url().includes('gm-gunshot-canned') && clipRequests.push(r.url())));
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
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
    // The opening clip is preloaded from the page's head, and the app's fetch is that preload: one request, no warning.
    expect(await page.locator('link[rel="preload"][as="fetch"]').getAttribute('href')).toMatch(/gm-gunshot-canned.*\.wav$/);
    expect(clipRequests).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('preload'))).toEqual([]);
  });

  it('draws the first waveform before the IR, the lower panels, Tone.js and the offline cache load (bench figure 2)', async () => {
    const order = [
      'lab:decoded gm-gunshot-canned',
      'first-waveform',
      'lab:decoded ir-canyon-narrow',
      'lab:slots-loaded',
      'lab:stage-1',
      'lab:stage-5',
      'lab:engine-loaded',
      'lab:offline-cache',
    ];
    const missing = async () => {
      const set = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
      return order.filter((m) => !set.includes(m));
    };
    await expect.poll(missing, { timeout: 15_000 }).toEqual([]);
    const at = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0].startTime), order);
    const drawn = at[order.indexOf('first-waveform')];
    // The clip comes first; everything the first view does not need comes after it.
    expect(at[0]).toBeLessThanOrEqual(drawn);
    for (const [i, name] of order.entries()) if (i > 1) expect({ name, after: at[i] > drawn }).toEqual({ name, after: true });
    expect(at[order.indexOf('lab:stage-1')]).toBeLessThan(at[order.indexOf('lab:stage-5')]);
    // The clip's decode and the session's reads began in the page's first script, before the app's entry chunk ran.
    const started = await page.evaluate(() => ['lab:early-start', 'lab:module'].map((n) => performance.getEntriesByName(n)[0]?.startTime));
    expect(started[0]).toBeLessThan(started[1]);
  });

  it('loops a region dragged on one view in both, and switches A/B by keyboard without restarting', async () => {
    // Drag across the middle of A's waveform: a loop region, drawn in both views.
    const wave = page.getByTestId('waveform').first();
    const box = (await wave.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByRole('button', { name: 'Loop' }).getAttribute('aria-pressed')).toBe('true');
    const regionsPerView = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="waveform"]')].map(
        (w) => (w.firstElementChild as HTMLElement).shadowRoot!.querySelectorAll('[part~="region"]').length,
      ),
    );
    expect(regionsPerView).toEqual([1, 1]);

    const readout = async () => (await page.getByTestId('position').textContent())!.split(' ');
    const position = async () => Number((await readout())[0]);
    const timeline = Number((await readout())[3]);
    const [loopStart, loopEnd] = [0.05 * timeline, 0.3 * timeline]; // roughly: the drag, in seconds
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await expect.poll(position, { timeout: 5_000, interval: 20 }).toBeGreaterThan(loopStart + 0.1);
    await page.keyboard.press('b');
    expect(await page.getByRole('button', { name: 'B: processed' }).getAttribute('aria-pressed')).toBe('true');
    // Still playing, inside the loop, never back at 0.
    const seen: number[] = [];
    for (let i = 0; i < 15; i++) {
      seen.push(await position());
      await page.waitForTimeout(50);
    }
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    expect(Math.min(...seen)).toBeGreaterThan(loopStart - 0.1 * timeline);
    expect(Math.max(...seen)).toBeLessThan(loopEnd + 0.1 * timeline);
    expect(new Set(seen).size).toBeGreaterThan(3); // it moves
    await page.keyboard.press('a');
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
    await page.keyboard.press(' ');
  });
});
