/**
 * The page's layout as its users see it, measured in the built app: on a 1366×768 laptop
 * with two and with eight slots, and on a phone (390 px) with eight slots and in the class
 * demo on the projector. Each test measures boxes, not pixels: what must be on one line is,
 * what must be on screen is, and nothing scrolls sideways.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { settled } from './helpers';

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Lines each view's title (its h2) takes, in order. */
const titleLines = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.view > header > h2')].map((h) => {
      const range = document.createRange();
      range.selectNodeContents(h);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }),
  );

/** Views' titles and level notes cut short (by an ellipsis), as their words. */
const cutShort = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.view > header > h2, [data-testid="drawn-gain"]')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.textContent),
  );

/**
 * What is not on the screen at the page's top, by name: the transport, the slot rows, and the
 * selected slot's controls — every input, select, button and textarea of its panel, each on
 * the screen or inside a closed section whose summary is. A box is on the screen when it is
 * inside the viewport and what is at its centre is it (not clipped by the side column's scroll
 * box, not covered).
 */
const outOfReach = (page: Page) =>
  page.evaluate(() => {
    const seen = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
    };
    const name = (el: Element) =>
      el.getAttribute('aria-label') ||
      (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
      el.id ||
      el.textContent?.trim().slice(0, 30);
    const panel = document.querySelector('.slot-controls')!;
    const controls = [...panel.querySelectorAll('input, select, button, textarea')];
    const missing = controls.flatMap((el) => {
      const closed = el.closest('details:not([open])');
      const target = closed ? closed.querySelector(':scope > summary')! : el;
      return seen(target) ? [] : [`${closed ? 'summary of ' : ''}${name(target)}`];
    });
    const transport = document.querySelector('[aria-label="Playback"]')!;
    const rows = [...document.querySelectorAll('[data-testid="slot-row"]')];
    return {
      controls: controls.length,
      missing: [
        ...(seen(transport) ? [] : ['transport']),
        ...rows.filter((r) => !seen(r)).map((r) => r.textContent.trim().slice(0, 20)),
        ...missing,
      ],
      scrolled: scrollY,
    };
  });

async function openLab(browser: Browser, viewport: { width: number; height: number }, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(inject('baseUrl') + hash);
  await page.getByRole('region', { name: 'Blind ABX test' }).waitFor();
  await settled(page, 60_000);
  return page;
}

async function eightSlots(page: Page): Promise<void> {
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: '+ Add a slot' }).click();
  await expect.poll(() => page.getByTestId('slot-row').count()).toBe(8);
  await settled(page, 60_000);
}

describe('layout', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a 1366×768 laptop: every view title on one line; eight slots and the transport on one screen, every measured column in view', async () => {
    const page = await openLab(browser, { width: 1366, height: 768 });
    // "B: processed" broke after "B:" while the clip's name beside it kept its room.
    expect(await titleLines(page)).toEqual([1, 1]);
    expect(await cutShort(page)).toEqual([]);

    await eightSlots(page);
    await page.evaluate(() => scrollTo(0, 0));
    const offScreen = await page.evaluate(() =>
      [document.querySelector('[aria-label="Playback"]'), ...document.querySelectorAll('.views > .view')].flatMap((el, i) => {
        const r = el!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth ? [] : [i ? `view ${i}` : 'transport'];
      }),
    );
    expect(offScreen).toEqual([]);
    expect(await titleLines(page)).toEqual(Array(8).fill(1));
    expect(await cutShort(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    // Eight slots and B's IR are nine columns: in half the width, the last ones were hidden in a scroll box.
    const table = await page.evaluate(() => {
      const wrap = document.querySelector('[data-testid="metrics-table"]')!.parentElement!;
      return { hidden: wrap.scrollWidth - wrap.clientWidth, columns: wrap.querySelectorAll('thead th').length };
    });
    expect(table.columns).toBe(1 + 8 + 1);
    expect(table.hidden).toBeLessThanOrEqual(1);
    // The octave bands' columns name their frequency with its unit (they read "125 … 1 k … 8 k").
    const bands = await page.locator('table.bands thead th').allTextContents();
    expect(bands.slice(1)).toEqual(['125 Hz', '250 Hz', '500 Hz', '1 kHz', '2 kHz', '4 kHz', '8 kHz']);
    await page.close();
  }, 120_000);

  it('on a 1366×768 laptop with eight slots: the transport, every slot row and every control of the selected slot on one screen, or one click away', async () => {
    const page = await openLab(browser, { width: 1366, height: 768 });
    await eightSlots(page);
    await page.evaluate(() => scrollTo(0, 0));
    const panel = page.getByRole('region', { name: /^Slot / });
    const before = await outOfReach(page);
    // The label, Reference, source, reverb, compressor, level and offset: at least 20 controls, none out of reach.
    expect(before.controls).toBeGreaterThanOrEqual(20);
    expect(before.missing).toEqual([]);
    expect(before.scrolled).toBe(0);

    // Every section's summary says what its controls are set to; opening one shows them by their names.
    const summaries = panel.locator('summary');
    expect(await summaries.allTextContents()).toEqual([
      expect.stringMatching(/^Source: same as A/),
      expect.stringMatching(/^Convolution reverb: off, .+, 50 % wet, pre-delay 0 ms$/),
      expect.stringMatching(/^Compressor: off, threshold -?\d+ dB, ratio \d+:1, attack/),
      expect.stringMatching(/^Level and time: trim 0\.0 dB, matched [+−]?0\.0 dB, offset 0\.0 ms$/),
    ]);
    await summaries.nth(2).click();
    const threshold = panel.getByRole('slider', { name: 'Threshold' });
    await threshold.scrollIntoViewIfNeeded();
    expect(await threshold.isVisible()).toBe(true);
    expect(await panel.getByRole('checkbox', { name: 'Compressor', exact: true }).isVisible()).toBe(true);
    // The section stays open for the next slot picked, and the page itself did not scroll.
    await page
      .getByTestId('slot-row')
      .nth(2)
      .getByRole('button', { name: /show its settings/ })
      .click();
    await expect.poll(() => panel.getByRole('heading').first().textContent()).toBe('Slot C');
    expect(await panel.locator('details[data-section="compressor"]').getAttribute('open')).not.toBeNull();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await page.close();
  }, 120_000);

  it('on a 1366×768 laptop, eight independent recordings from a shared link, each trimmed, offset and matched: still one screen', async () => {
    // Every row has a level and an offset to show: as two lines of facts, they took the list past the screen.
    const clips = [
      'location-pistol-canyon',
      'gm-gunshot-canned',
      'ufoai-pistol',
      'openclonk-gunshot',
      'gunshot-dry-pistol',
      'gunshot-dry-rifle',
    ];
    const more = ['location-rifle-canyon', 'location-pistol-boulevard'];
    const link = new URLSearchParams([['v', '2']]);
    for (const [i, clip] of [...clips, ...more].entries()) {
      const reverb = i === 3 || i === 5 || i === 7 ? 1 : 0;
      const compressor = i === 5 || i === 6 ? 1 : 0;
      const [trim, offset] = i ? [i % 2 ? -2.5 : 3, 0.0123 * i] : [0, 0];
      link.append(
        'slot',
        ['ABCDEFGH'[i], i + 1, clip, trim, offset, reverb, 'ir-canyon-narrow', 0.5, 0.02, compressor, -30, 8, 0.003, 0.25, 6, 0].join(','),
      );
    }
    link.set('ref', '0');
    link.set('heard', '0');
    link.set('diff', '0,1');
    const page = await openLab(browser, { width: 1366, height: 768 }, `#${link.toString()}`);
    await expect.poll(() => page.getByTestId('slot-row').count(), { timeout: 30_000 }).toBe(8);
    await settled(page, 90_000);
    // F: a recording through reverb and compressor, trimmed, offset and matched.
    await page
      .getByTestId('slot-row')
      .nth(5)
      .getByRole('button', { name: /show its settings/ })
      .click();
    await page.evaluate(() => scrollTo(0, 0));
    const reach = await outOfReach(page);
    expect(reach.controls).toBeGreaterThanOrEqual(20);
    expect(reach.missing).toEqual([]);
    expect(reach.scrolled).toBe(0);
    // The level and offset are in the row (words for a screen reader), the breakdown in F's summary.
    expect(await page.getByTestId('slot-row').nth(5).textContent()).toMatch(/level as heard\s[+−]\d+\.\d dB\s*offset\s\+61\.5 ms/);
    expect(await page.getByRole('region', { name: 'Slot F' }).locator('summary').last().textContent()).toMatch(
      /^Level and time: trim −2\.5 dB, matched [+−]\d+\.\d dB, offset \+61\.5 ms$/,
    );
    await page.close();
  }, 150_000);

  it('on a 1366×768 laptop, during an ABX or rating test: Play is beside the test, not a screen or more above it', async () => {
    const page = await openLab(browser, { width: 1366, height: 768 });
    const transportPlaying = () =>
      page.getByRole('group', { name: 'Playback' }).getByRole('button', { name: 'Pause', exact: true }).count();
    const tests = [
      { region: page.getByRole('region', { name: 'Blind ABX test' }), start: 'Start ABX (A vs B)', end: 'End ABX' },
      { region: page.getByRole('region', { name: 'Rating test (MUSHRA-style)' }), start: 'Start rating test', end: 'End rating test' },
    ];
    for (const { region, start, end } of tests) {
      await region.getByRole('button', { name: start }).click();
      const listen = region.getByRole('group', { name: 'Listen to' });
      await listen.scrollIntoViewIfNeeded();
      // Its listen buttons only switch what is heard: without a Play here, a mouse user scrolled up to the transport and back.
      const play = listen.getByRole('button', { name: /^Play/ });
      expect(await play.count()).toBe(1);
      const box = (await play.boundingBox())!;
      expect(box.y >= 0 && box.y + box.height <= 768).toBe(true);
      await play.click();
      await expect.poll(transportPlaying).toBe(1);
      await listen.getByRole('button', { name: /^Pause/ }).click();
      await expect.poll(transportPlaying).toBe(0);
      await region.getByRole('button', { name: end }).click();
    }
    await page.close();
  }, 120_000);

  it('on a phone, eight slots: each view title keeps to one line over its low waveform', async () => {
    const page = await openLab(browser, { width: 390, height: 844 });
    await eightSlots(page);
    const covered = await page.evaluate(() =>
      [...document.querySelectorAll('.views > .view')].map((v) => {
        const header = v.querySelector(':scope > header')!.getBoundingClientRect();
        const wave = v.querySelector('[data-testid="waveform"]')!.getBoundingClientRect();
        return Math.round((100 * header.height) / wave.height);
      }),
    );
    // Title, clip and level note wrapped into two or three lines and hid the whole waveform (44 px).
    for (const percent of covered) expect(percent, `title covers ${covered.join(', ')} % of the views`).toBeLessThanOrEqual(50);
    // …and on that line the slot's name and its level note are whole, not cut off by the view's edge.
    expect(await cutShort(page)).toEqual([]);
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('.view > header')].flatMap((h) => {
        const edge = h.getBoundingClientRect().right;
        return [...h.querySelectorAll('h2, [data-testid="drawn-gain"]')]
          .filter((e) => e.getBoundingClientRect().right > edge + 0.5)
          .map((e) => e.textContent);
      }),
    );
    expect(clipped).toEqual([]);

    // On the dB scale each title has one more note: the notes give way (with an ellipsis), nothing runs past the view.
    await page.getByRole('radio', { name: 'dB', exact: true }).click();
    await settled(page, 60_000);
    const runOver = await page.evaluate(() =>
      [...document.querySelectorAll('.view > header')].flatMap((h) => {
        const edge = h.getBoundingClientRect().right;
        return [...h.children].filter((e) => e.getBoundingClientRect().right > edge + 0.5).map((e) => e.textContent);
      }),
    );
    expect(runOver).toEqual([]);
    expect(
      await page.evaluate(
        () => [...document.querySelectorAll('.view > header > h2')].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
      ),
    ).toBe(0);
    expect(await sideways(page)).toBe(0);
    await page.close();
  }, 120_000);

  it('on a phone, the class demo on the projector: no sideways scroll, Play and the views not under the scene', async () => {
    const page = await openLab(browser, { width: 390, height: 844 });
    await page.getByRole('button', { name: 'Start class demo' }).click();
    await page.getByTestId('demo-panel').waitFor();
    await page.getByRole('button', { name: 'Projector mode' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    // The scene's band is 17rem or more (408 px at projector type): on a phone it covered the page and ran past its edge.
    expect(await sideways(page)).toBe(0);
    for (const target of [page.getByRole('button', { name: 'Play', exact: true }), page.getByTestId('waveform').first()]) {
      await target.scrollIntoViewIfNeeded();
      const onTop = await target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.left >= 0 && r.right <= innerWidth && !!hit && (el === hit || el.contains(hit) || hit.contains(el));
      });
      expect(onTop).toBe(true);
    }
    await page.getByRole('button', { name: 'Leave demo' }).click();
    await page.close();
  }, 120_000);
});
