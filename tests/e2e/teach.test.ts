/**
 * A teacher's tools in the built app. The scene editor: the lab as it is saved as a scene
 * with a formatted caption and a region marked from the loop; on a fresh page it is kept
 * (IndexedDB) and opens in the demo after the bundled scenes, with its caption and
 * region. Pooling: three listeners' ABX exports give the pooled p computed by hand.
 * One browser, one page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { drawnRegionLabels, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';
import { abxToCsv, abxToJson, type AbxReport } from '../../src/abx/export';

const bundled = loadBundledScenes().scenes.length;

/** An ABX export of 16 trials with `correct` right (X is always A here; the answers say which were right). */
function abxExport(listener: string, correct: number): AbxReport {
  const trials = Array.from({ length: 16 }, (_, i) => ({
    trial: i + 1,
    x: 'A' as const,
    answer: i < correct ? ('A' as const) : ('B' as const),
    correct: i < correct,
    answeredAt: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString(),
  }));
  return {
    tool: 'Canyon Lab ABX',
    listener,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:05:00.000Z',
    setup: { A: 'gm-gunshot-canned', B: 'location-pistol-canyon' },
    summary: { trials: 16, answered: 16, correct, pValue: 0 },
    trials,
  };
}

/** P(X ≥ k | n, ½) by hand: Σ C(n, i) for i ≥ k, over 2^n, in integers. */
function tail(k: number, n: number): number {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number(sum) / 2 ** n;
}

describe('teaching tools in the built lab', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('saves the lab as a scene, keeps it across a reload and plays it in the demo', async () => {
    // A loop region dragged across B's view, marked as a region of the scene.
    const view = page.getByTestId('waveform').nth(1);
    const box = (await view.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();

    await page.getByRole('button', { name: 'Make a scene' }).click();
    await page.getByTestId('scene-title-field').fill('Our street <script>');
    await page.getByTestId('scene-caption-field').fill('Hear the **tail**.\n\n- first the bang\n- then *the street*');
    await page.getByTestId('region-label-field').fill('tail');
    await page.getByRole('button', { name: /^Mark the loop region on B/ }).click();
    await expect.poll(() => drawnRegionLabels(page, 1)).toContain('tail');
    await page.screenshot({ path: 'docs/scene-editor.png' });
    await page.getByRole('button', { name: 'Save as scene' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent())
      .toContain(`scene ${bundled + 1} of the demo`);

    // A fresh page: the scene comes from IndexedDB; its address opens it (1-based, after the bundled ones).
    await page.goto('about:blank');
    await page.goto(`${inject('baseUrl')}#demo-${bundled + 1}`);
    await expect.poll(() => page.getByTestId('scene-counter').textContent()).toBe(`Scene ${bundled + 1} of ${bundled + 1}`);
    expect(await page.locator('#scene-title').textContent()).toBe('Our street <script>');
    const panel = page.getByTestId('demo-panel');
    expect(await panel.locator('strong').textContent()).toBe('tail');
    expect(await panel.locator('li').allTextContents()).toEqual(['first the bang', 'then the street']);
    await settled(page);
    await expect.poll(() => drawnRegionLabels(page, 1)).toEqual(['tail']);
    expect(errors).toEqual([]);
  });

  it("pools three listeners' ABX files: 10/16 + 12/16 + 13/16 = 35/48, p by hand", async () => {
    const p = tail(35, 48);
    expect(p).toBeCloseTo(0.00104, 5);
    const pool = page.getByTestId('pool-results');
    await pool.scrollIntoViewIfNeeded();
    await pool.locator('input[type=file][multiple]').setInputFiles([
      { name: 'ana.json', mimeType: 'application/json', buffer: Buffer.from(abxToJson(abxExport('Ana', 10))) },
      { name: 'ben.csv', mimeType: 'text/csv', buffer: Buffer.from(abxToCsv(abxExport('Ben', 12))) },
      { name: 'cleo.json', mimeType: 'application/json', buffer: Buffer.from(abxToJson(abxExport('Cleo', 13))) },
    ]);
    const cells = () => page.getByTestId('pool-total').locator('td').allTextContents();
    await expect.poll(cells).toEqual(['48', '35', p.toFixed(4)]);
    expect(await page.getByTestId('pool-abx').locator('tbody th').allTextContents()).toEqual(['Ana', 'Ben', 'Cleo']);
    await pool.screenshot({ path: 'docs/pool-results.png' });
    const [download] = await Promise.all([page.waitForEvent('download'), pool.getByRole('button', { name: 'Export pooled CSV' }).click()]);
    expect(readFileSync(await download.path(), 'utf8')).toContain(`abx,pooled,3,48,35,${p.toFixed(5)}`);
  });
});
