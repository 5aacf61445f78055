/**
 * The automated accessibility check (issue 17): axe-core, WCAG 2.1 A and AA, on every main
 * state of the built page — start page with its measurements, zoomed views, several slots,
 * the ABX and rating-test panels, a headphone-check step, the shortcuts dialog, projector
 * mode, each class-demo scene. Zero violations, no exclusions. One page for the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { sharedLab, axeViolations, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';

const { scenes } = loadBundledScenes();

describe('axe-core finds no WCAG 2.1 A/AA violation', () => {
  const lab = sharedLab();
  let page: Page;
  beforeAll(() => void (page = lab.page));

  it('on the start page with its measurements, zoomed, and in projector mode', async () => {
    await page.getByRole('table').first().waitFor();
    // Each plot's text alternative, its table open: a caption and headers for every value.
    const show = page.getByRole('button', { name: 'Show as table' });
    await show.first().waitFor();
    for (let i = await show.count(); i > 0; i--) await show.first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Hide table' }).count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="plot-summary"]').first().textContent()).toMatch(/T30 \d+\.\d\d s/);
    expect(await axeViolations(page)).toEqual([]);
    for (let i = await page.getByRole('button', { name: 'Hide table' }).count(); i > 0; i--)
      await page.getByRole('button', { name: 'Hide table' }).first().click();
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 3; i++) await zoomIn.click(); // the views' scroll areas scroll now
    expect(await axeViolations(page)).toEqual([]);
    const projector = page.getByRole('button', { name: 'Projector mode' });
    await projector.click();
    expect(await axeViolations(page)).toEqual([]);
    await projector.click();
  });

  it('with four slots, and in the shortcuts dialog', async () => {
    await page.getByRole('button', { name: 'Copy A' }).click();
    await page.getByRole('button', { name: 'Copy B' }).click();
    await expect.poll(() => page.getByRole('slider', { name: /waveform$/ }).count()).toBe(4);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('body').press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('in a running ABX test, a running rating test and a headphone-check step', async () => {
    await page.getByRole('button', { name: /^Start ABX/ }).click();
    await page.getByTestId('abx-progress').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'End ABX' }).click();
    await page.getByRole('button', { name: 'Start rating test' }).click();
    await page.getByTestId('mushra-progress').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'End rating test' }).first().click();
    await page.getByRole('button', { name: 'Start headphone check' }).click();
    await page.getByRole('button', { name: 'Left' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const [i, scene] of scenes.entries()) {
    it(`in class-demo scene ${i + 1}, ${scene.id}`, async () => {
      if (i === 0) await page.getByRole('button', { name: 'Start class demo' }).click();
      else await page.locator('#scene-title').press('PageDown');
      await expect.poll(() => page.getByTestId('demo-panel').getAttribute('data-scene'), { timeout: 15_000 }).toBe(scene.id);
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
