/**
 * The class demo in the built app: every scene, in order, driven from the keyboard the
 * way a teacher drives it. A screenshot of each scene goes to docs/scenes/NN-id.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from './browser';
import { cspViolations, drawnRegionLabels, paintedFraction, recordCspViolations, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';

const { scenes } = loadBundledScenes();
const shotName = (i: number, id: string) => `docs/scenes/${String(i + 1).padStart(2, '0')}-${id}.png`;

/** The level readout's crest factors (dB) for A and B. */
async function crestFactors(page: Page): Promise<{ a: number; b: number }> {
  const cells = async (row: string) => page.locator(`[data-testid="level-readout"] tr.${row} td`).allTextContents();
  const crest = (texts: string[]) => Number.parseFloat(texts[2]);
  return { a: crest(await cells('a')), b: crest(await cells('b')) };
}

describe('class demo in the built lab', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
    await recordCspViolations(context);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(inject('baseUrl'));
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has the five scenes of the issue', () => {
    expect(scenes.map((s) => s.title)).toEqual([
      'Canned versus location',
      'Anatomy of a reverb tail',
      'Levelled to be pleasant',
      'Room tone',
      'Class ABX challenge',
    ]);
  });

  it('walks through every scene from the keyboard: caption, sounds, B rendered, regions drawn', async () => {
    await page.getByRole('button', { name: 'Start class demo' }).click();
    for (const [i, scene] of scenes.entries()) {
      // Presentation clickers send PageDown; the arrow keys work too.
      if (i > 0) await page.keyboard.press(i % 2 ? 'PageDown' : 'ArrowRight');
      await expect.poll(() => page.getByTestId('scene-counter').textContent()).toBe(`Scene ${i + 1} of ${scenes.length}`);
      await expect.poll(() => page.locator('#scene-title').textContent()).toBe(scene.title);
      expect((await page.locator('[data-testid="demo-panel"] .caption').allTextContents()).join('\n\n')).toBe(scene.caption);
      expect(page.url()).toMatch(new RegExp(`#demo-${i + 1}$`));

      if (scene.missingSamples.length) {
        // Not bundled yet: the panel says which samples, the lab stays usable.
        const note = page.locator('[data-testid="demo-panel"] .missing');
        await expect.poll(() => note.textContent()).toContain(scene.missingSamples.join(', '));
        await expect.poll(() => drawnRegionLabels(page, 1)).toEqual([]);
      } else {
        await settled(page);
        expect(await page.locator('#clip-select').inputValue()).toBe(scene.clipId);
        expect(await page.locator('#ir-select').inputValue()).toBe(scene.settings.reverb.irId);
        const sideName = scene.side === 'A' ? 'A: original' : 'B: processed';
        expect(await page.getByRole('button', { name: sideName }).getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => paintedFraction(page, 0), { timeout: 10_000 }).toBeGreaterThan(0.005);
        await expect.poll(() => paintedFraction(page, 1), { timeout: 10_000 }).toBeGreaterThan(0.005);
        const onB = scene.regions.filter((r) => r.view === 'B').map((r) => r.label);
        const onA = scene.regions.filter((r) => r.view === 'A').map((r) => r.label);
        await expect.poll(() => drawnRegionLabels(page, 1)).toEqual(onB);
        expect(await drawnRegionLabels(page, 0)).toEqual(onA);
        await expect.poll(() => page.getByTestId('crest-b').textContent()).toMatch(/dB$/);
        expect(await page.getByTestId('db-scale').count()).toBe(scene.scale === 'decibels' ? 2 : 0);
      }
      await page.screenshot({ path: shotName(i, scene.id), fullPage: true });
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the compressor lowering the crest factor in the levelling scene', async () => {
    const at = scenes.findIndex((s) => s.id === 'levelled-to-be-pleasant');
    for (let i = 0; i < scenes.length; i++) await page.keyboard.press('PageUp');
    for (let i = 0; i < at; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => page.locator('#scene-title').textContent()).toBe(scenes[at].title);
    await settled(page);
    await expect.poll(async () => (await crestFactors(page)).b).not.toBeNaN();
    const { a, b } = await crestFactors(page);
    console.log(`levelling scene: crest factor A ${a} dB, B ${b} dB`);
    expect(a - b).toBeGreaterThan(3);
  });

  it('leaves ←/→ to a focused slider, and leaves the demo with Esc', async () => {
    const before = await page.getByTestId('scene-counter').textContent();
    // The levelling scene is open: its compressor is on, so the threshold slider takes focus.
    const threshold = page.getByRole('slider', { name: 'Threshold' });
    await threshold.focus();
    const value = Number(await threshold.inputValue());
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await threshold.inputValue())).toBe(value + 1);
    expect(await page.getByTestId('scene-counter').textContent()).toBe(before);
    await page.locator('#scene-title').focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Start class demo' }).waitFor();
    expect(await page.getByTestId('demo-panel').count()).toBe(0);
    expect(await drawnRegionLabels(page, 1)).toEqual([]);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('opens a bookmarked scene from the address (#demo-2)', async () => {
    await page.goto('about:blank');
    await page.goto(new URL('#demo-2', inject('baseUrl')).href);
    await expect.poll(() => page.locator('#scene-title').textContent(), { timeout: 10_000 }).toBe(scenes[1].title);
    await settled(page);
    await expect.poll(() => drawnRegionLabels(page, 1)).toEqual(scenes[1].regions.map((r) => r.label));
  });
});
