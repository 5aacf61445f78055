/**
 * Slots end to end in the built app: four slots, each with the user's own file (four
 * formats and three sample rates, made from bundled recordings by ffmpeg), come back after
 * a reload; then a rating test of three trials is run from the keyboard on them and its
 * export holds exactly the ratings given, while the page never depends on the hidden order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { paintedFraction, settled } from './helpers';

const SAMPLES = resolve(__dirname, '../../samples');

/** Own files as a user brings them: other formats and rates than the lab's 48 kHz WAV. */
function ownFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'canyon-slots-'));
  const make = (sample: string, name: string, args: string[]) => {
    const out = join(dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(SAMPLES, `${sample}.wav`), ...args, out]);
    return out;
  };
  return [
    make('location-pistol-canyon', 'take 1 canyon.wav', ['-c:a', 'pcm_s16le']),
    make('location-pistol-boulevard', 'take 2 boulevard.flac', ['-ar', '44100']),
    make('gunshot-canned', 'library shot.wav', ['-ar', '96000', '-c:a', 'pcm_s24le']),
    make('location-rifle-canyon', 'rifle.mp3', ['-ar', '44100', '-b:a', '192k']),
  ];
}

/** The page as a listener sees it during a trial. */
function visibleState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    // What moves by itself (clock, meters), the trial's number ("Next trial" turns into "Finish") and what was said after it.
    main
      .querySelectorAll(
        '[data-testid="mushra-progress"], [data-testid="mushra-next"], [data-testid="position"], .meter, [data-testid="announcements"]',
      )
      .forEach((m) => m.remove());
    return main.outerHTML;
  });
}

describe('slots with own recordings', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('four slots, each with its own file, come back after a reload', async () => {
    const files = ownFiles();
    const names = files.map((f) => f.split('/').pop()!);
    await page.getByRole('button', { name: '+ Add a slot' }).click();
    await page.getByRole('button', { name: '+ Add a slot' }).click();
    const rows = page.getByTestId('slot-row');
    await expect.poll(() => rows.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      await rows
        .nth(i)
        .getByRole('button', { name: /show its settings/ })
        .click();
      // From four slots the settings' sections start closed, their values in their summaries: Source, once opened, stays open.
      const source = page.locator('details[data-section="source"]');
      if ((await source.getAttribute('open')) === null) await source.locator('summary').click();
      const follow = page.getByRole('checkbox', { name: /Same source as/ });
      if (i > 0 && (await follow.isChecked())) await follow.uncheck();
      await page.getByTestId('file-input').setInputFiles(files[i]);
      await expect.poll(() => rows.nth(i).textContent(), { timeout: 20_000 }).toContain(names[i]);
    }
    await settled(page, 40_000);
    const before = await rows.allTextContents();
    const timeline = await page.getByTestId('position').textContent();

    await page.reload();
    await page.getByRole('heading', { name: 'A: original' }).waitFor();
    await settled(page, 40_000);
    await expect.poll(() => rows.count()).toBe(4);
    // The same slots with the same sources, processing and levels; every view drawn from the stored audio.
    expect(await rows.allTextContents()).toEqual(before);
    for (let i = 0; i < 4; i++) expect(await paintedFraction(page, i)).toBeGreaterThan(0.005);
    expect(await page.getByTestId('position').textContent()).toBe(timeline);
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 120_000);

  it('a rating test of three trials, run from the keyboard, exports the ratings it was given', async () => {
    const panel = page.getByRole('region', { name: 'Rating test (MUSHRA-style)' });
    await panel.getByLabel('Listener').fill('listener 7');
    await panel.getByLabel('Trials').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab'); // commits the number
    expect(await panel.getByRole('checkbox', { name: 'Low anchor' }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Start rating test' }).focus();
    await page.keyboard.press('Enter');

    const progress = page.getByTestId('mushra-progress');
    const given: number[][] = [];
    const snapshots = new Set<string>();
    for (let trial = 0; trial < 3; trial++) {
      await expect.poll(() => progress.textContent()).toBe(`Trial ${trial + 1} of 3`);
      const sliders = panel.getByRole('slider');
      const count = await sliders.count();
      expect(count).toBe(3 + 2); // the three slots besides the reference, the hidden reference, the low anchor
      await panel.getByRole('button', { name: /^Reference/ }).focus();
      await page.keyboard.press('r');
      snapshots.add(await visibleState(page));
      const ratings: number[] = [];
      for (let i = 0; i < count; i++) {
        // A different score for every position and trial: tens by PageUp, units by arrows.
        const tens = (i + trial) % 10;
        const units = (3 * i + trial) % 10;
        await sliders.nth(i).focus();
        await page.keyboard.press('Home');
        for (let k = 0; k < tens; k++) await page.keyboard.press('PageUp');
        for (let k = 0; k < units; k++) await page.keyboard.press('ArrowRight');
        ratings.push(10 * tens + units);
        expect(Number(await sliders.nth(i).inputValue())).toBe(ratings[i]);
      }
      given.push(ratings);
      await panel.getByRole('button', { name: trial < 2 ? 'Next trial' : 'Finish' }).focus();
      await page.keyboard.press('Enter');
    }
    // Random orders (crypto) differ between trials; the page before rating was the same each time.
    expect(snapshots.size).toBe(1);

    await panel.getByTestId('mushra-results').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export JSON' }).click()]);
    const report = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      listener: string;
      trials: { order: string[]; scores: Record<string, number> }[];
      setup: Record<string, unknown>;
    };
    expect(report.listener).toBe('listener 7');
    expect(report.trials).toHaveLength(3);
    report.trials.forEach((t, trial) => {
      expect(t.order).toHaveLength(5);
      t.order.forEach((label, position) => expect(t.scores[label]).toBe(given[trial][position]));
    });
    expect(JSON.stringify(report.setup)).toContain('take 1 canyon.wav');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a file with a 400-character name widens nothing, on a laptop or a phone', async () => {
    await page.getByRole('button', { name: 'End rating test' }).click();
    // Longer than a file system allows (255 bytes), as a browser can still hand over: a name given by the page's file input.
    const name = `${'field recording of a gunshot among towers '.repeat(10).slice(0, 396)}.wav`;
    const file = { name, mimeType: 'audio/wav', buffer: readFileSync(join(SAMPLES, 'snare-dry.wav')) };
    await page
      .getByTestId('slot-row')
      .nth(1)
      .getByRole('button', { name: /show its settings/ })
      .click();
    await page.getByTestId('file-input').setInputFiles(file);
    await expect.poll(() => page.getByTestId('slot-row').nth(1).textContent(), { timeout: 20_000 }).toContain('field recording');
    await settled(page, 40_000);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBe(0);
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          // What sticks out of the page, not what scrolls inside a box of its own.
          .filter((e) => {
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
              if (getComputedStyle(p).overflowX !== 'visible') return false;
            return true;
          })
          .slice(0, 12)
          .map(
            (e) =>
              `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().right)}`,
          ),
      );
      expect(await sideways(), `at ${width} px: ${wide.join(', ')}`).toBe(0);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 90_000);
});
