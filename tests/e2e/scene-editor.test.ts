/**
 * The scene editor in the built app: the lab as it is saved as a scene with a formatted
 * caption and a region marked from the loop; after a reload it is kept (IndexedDB) and
 * opens in the demo after the bundled scenes, with its slots, caption and region.
 * One browser, one page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { drawnRegionLabels, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';

const bundled = loadBundledScenes().scenes.length;

describe('scene editor in the built lab', () => {
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
});
