/**
 * Keyboard only (issue 17): Space ticks every checkbox and presses buttons instead of playing,
 * a focused waveform view makes a loop and seeks, and the class demo keeps its keys apart from
 * a dialog's and a view's. One page for the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { sharedLab, drawnRegionLabels, settled } from './helpers';

/** Seconds of the transport's position readout ("1.23 s / 4.56 s"). */
async function position(page: Page): Promise<number> {
  return Number((await page.getByTestId('position').textContent())!.split(' ')[0]);
}

const playing = (page: Page) => page.getByRole('button', { name: 'Pause', exact: true }).count();

describe('keyboard only', () => {
  const lab = sharedLab();
  let page: Page;
  beforeAll(() => void (page = lab.page));

  it('announces the first render and analysis in the one polite live region', async () => {
    const region = page.getByTestId('announcements');
    expect(await page.locator('[aria-live="polite"]').count()).toBe(1);
    await expect.poll(() => region.textContent(), { timeout: 15_000 }).toMatch(/B rendered, \d+\.\d s/);
    await expect.poll(() => region.textContent(), { timeout: 15_000 }).toContain('Measurements of A, B ready');
  });

  it('ticks and unticks every checkbox with Space, and Space presses a focused button, never starting play', async () => {
    const boxes = page.locator('main input[type=checkbox]:not(:disabled)');
    expect(await boxes.count()).toBeGreaterThanOrEqual(8);
    // The list changes as boxes are ticked (a slot made the reference loses "Same source as").
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const before = await box.isChecked();
      await box.focus();
      await page.keyboard.press(' ');
      await expect.poll(() => box.isChecked()).toBe(!before);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');
      // The reference stays ticked until another slot takes it (it says so, and keeps the focus).
      if ((await box.getAttribute('aria-disabled')) === 'true') continue;
      await page.keyboard.press(' ');
      await expect.poll(() => box.isChecked()).toBe(before);
    }
    expect(await playing(page)).toBe(0);
    // The compressor's six sliders follow its box.
    const compressor = page.getByRole('checkbox', { name: 'Compressor', exact: true });
    const threshold = page.getByRole('slider', { name: 'Threshold' });
    if (await compressor.isChecked()) await compressor.uncheck();
    await compressor.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => threshold.isEnabled()).toBe(true);

    const projector = page.getByRole('button', { name: 'Projector mode' });
    await projector.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => projector.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => projector.getAttribute('aria-pressed')).toBe('false');
    expect(await playing(page)).toBe(0);
    await compressor.focus();
    await page.keyboard.press(' '); // back as it was
  });

  it('makes a loop and seeks on a focused waveform view; a zoomed view follows the cursor', async () => {
    const heard = () => page.getByRole('group', { name: 'What you hear' }).getByRole('button', { pressed: true }).textContent();
    const heardBefore = await heard();
    const view = page.getByRole('slider', { name: /waveform$/ }).first();
    await view.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => position(page)).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => position(page)).toBeCloseTo(0.3, 5);
    await page.keyboard.press('[');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press(']');
    await expect.poll(() => page.getByRole('button', { name: 'Loop' }).getAttribute('aria-pressed')).toBe('true');
    // Every view draws the loop, visibly (a view redrawing its waveform meanwhile lays it out once redrawn).
    const views = await page.getByTestId('waveform').count();
    const drawn = async () => Promise.all(Array.from({ length: views }, (_, i) => drawnRegionLabels(page, i)));
    await expect.poll(async () => (await drawn()).every((labels) => labels.length === 1)).toBe(true);
    expect(await position(page)).toBeCloseTo(0.8, 5);
    // The arrows moved the cursor only: the heard slot stayed.
    expect(await heard()).toBe(heardBefore);

    // Zoomed in, End takes the cursor far off the visible part: the view scrolls to it.
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 4; i++) await zoomIn.click();
    await view.focus();
    const scrollLeft = () => view.evaluate((el) => el.scrollLeft);
    expect(await scrollLeft()).toBe(0);
    await page.keyboard.press('End');
    await expect.poll(scrollLeft).toBeGreaterThan(0);
    const atEnd = await scrollLeft();
    await page.keyboard.press('ArrowDown'); // scroll back half a view
    await expect.poll(scrollLeft).toBeLessThan(atEnd);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    while (await page.getByRole('button', { name: 'Zoom out' }).isEnabled()) await page.getByRole('button', { name: 'Zoom out' }).click();
  });

  it('in the class demo, Esc closes the shortcuts dialog and leaves the demo on; → on a focused view seeks, not steps', async () => {
    await page.getByRole('button', { name: 'Start class demo' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('demo-panel').waitFor();
    await settled(page);
    const counter = () => page.getByTestId('scene-counter').textContent();
    await page.keyboard.press('ArrowRight'); // focus on the scene's heading: → steps
    await expect.poll(counter).toBe('Scene 2 of ' + (await counter())!.split(' of ')[1]);
    await settled(page);

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('demo-panel').count()).toBe(1);

    const view = page.getByRole('slider', { name: /waveform$/ }).first();
    await view.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => position(page)).toBe(1);
    expect(await counter()).toMatch(/^Scene 2 /);
    await page.keyboard.press('Escape'); // nothing inner is open: Esc leaves the demo
    await page.getByRole('button', { name: 'Start class demo' }).waitFor();
  });

  it('keeps Tab inside the shortcuts dialog, closes it with Esc and gives the focus back to where it was', async () => {
    const play = page.getByRole('button', { name: /^(Play|Pause)$/ });
    await play.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')));
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inDialog()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await play.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('shows the focus ring on a waveform view and on a checkbox (docs/focus-*.png, at 1366×768)', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const view = page.getByRole('slider', { name: /waveform$/ }).first();
    await view.focus();
    await page.keyboard.press('Home'); // a key press: the focus is keyboard focus (:focus-visible)
    await view.evaluate((el) => el.closest('section')?.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: 'docs/focus-waveform.png' });
    const box = page.getByRole('checkbox', { name: 'Compressor', exact: true });
    await box.focus();
    await box.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await box.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
    await page.screenshot({ path: 'docs/focus-checkbox.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('keeps the focus on the page: Start/End ABX and an answer go to the panel heading, a zoom limit to the other zoom button', async () => {
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await page.getByRole('button', { name: /^Start ABX/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Blind ABX test');
    await page.keyboard.press('x');
    await page.getByRole('button', { name: /^X is A/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('abx-progress').textContent()).toContain('Trial 2');
    // Said in turn, 1.2 s after the line before: renders and measurements that landed just before the answer are said first.
    await expect.poll(() => page.getByTestId('announcements').textContent(), { timeout: 15_000 }).toMatch(/Trial 1: (correct|wrong)/);
    await page.getByRole('button', { name: 'End ABX' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Blind ABX test');

    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    await zoomIn.focus();
    for (let i = 0; i < 30 && (await zoomIn.isEnabled()); i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Zoom out');
    for (let i = 0; i < 30 && (await page.getByRole('button', { name: 'Zoom out' }).isEnabled()); i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Zoom in');
  });
});
