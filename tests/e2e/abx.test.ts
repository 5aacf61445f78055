import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { abxPValue } from '../../src/abx/statistics';

/** The page as a listener sees it, minus the progress line (trial number and score). */
async function visibleState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    main.querySelector('[data-testid="abx-progress"]')?.remove();
    main.querySelector('[data-testid="position"]')?.remove();
    main.querySelector('[data-testid="announcements"]')?.remove(); // results said after each answer, like the progress line
    main.querySelectorAll('.meter').forEach((m) => m.remove());
    return main.outerHTML;
  });
}

describe('a full blind ABX session, driven by the keyboard', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    await page.goto(inject('baseUrl'));
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs 16 trials, never shows X, and exports results whose p-value is the binomial tail', async () => {
    const url = page.url();
    await page.getByRole('button', { name: 'Start ABX' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('abx-progress').textContent()).toContain('Trial 1 of 16');
    await page.keyboard.press(' '); // play
    const snapshots = new Set<string>();
    for (let trial = 0; trial < 16; trial++) {
      await page.keyboard.press('a');
      await page.keyboard.press('b');
      await page.keyboard.press('x');
      await page.waitForTimeout(20);
      snapshots.add(await visibleState(page));
      await page.keyboard.press(trial % 3 === 0 ? '2' : '1');
    }
    // With 16 random draws both A and B occurred as X (p = 1 − 2⁻¹⁵); had the page shown
    // X anywhere, the X-listening snapshots would differ. They must all be one.
    expect(snapshots.size).toBe(1);
    expect(page.url()).toBe(url);
    await expect.poll(() => page.getByTestId('abx-progress').textContent()).toContain('Finished');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('region', { name: 'Blind ABX test' }).getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(report.trials).toHaveLength(16);
    expect(report.summary.answered).toBe(16);
    const correct = report.trials.filter((t: { correct: boolean }) => t.correct).length;
    expect(report.summary.correct).toBe(correct);
    expect(report.summary.pValue).toBeCloseTo(abxPValue(correct, 16), 12);
    expect(report.setup.A.source).toBe('gm-gunshot-canned'); // A and B of the test are the first two slots
    const progress = await page.getByTestId('abx-progress').textContent();
    expect(progress).toContain(`${correct} of 16 correct`);
    const xs = new Set(report.trials.map((t: { x: string }) => t.x));
    expect(xs.size).toBe(2);
  });
});
