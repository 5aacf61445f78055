/**
 * Bad input that needs a browser launched for it (issue 5), against the built app:
 * audio held back by Chromium's real autoplay policy, a microphone that is denied or
 * absent, storage that is full, and an hour-long file whose header does not say so.
 * Every refusal here comes from Chromium itself; nothing in the page is replaced.
 * Each test launches its own Chromium and loads the page: two minutes each on a busy machine.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
import { launchChromium, type LaunchOptions } from './browser';
import { encodeWav } from '../../src/codec/wav';

let browser: Browser | null = null;
let context: BrowserContext | null = null;

async function open(options: LaunchOptions = {}, permissions: string[] = []): Promise<Page> {
  browser = await launchChromium(options);
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(inject('baseUrl')).origin });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

let pageErrors: string[] = [];
afterEach(async () => {
  await browser?.close();
  browser = context = null;
  expect(pageErrors).toEqual([]);
  pageErrors = [];
});

const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
const alertTexts = (page: Page) => page.locator('.messages span[role="alert"]').allTextContents();
const position = async (page: Page) => Number((await page.getByTestId('position').textContent())!.split(' ')[0]);

/** The page still works: it plays (the clock moves) and pauses. */
async function playsAndPauses(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await expect.poll(() => position(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
}

describe("audio not yet allowed to start (Chromium's autoplay policy, no flag)", { timeout: 120_000 }, () => {
  /**
   * Reads the page through DevTools without a user gesture. Every Playwright query
   * (locators, evaluate, waitForFunction) counts as one and would let audio start,
   * which is exactly what must not happen before the user acts.
   */
  async function reader(page: Page): Promise<(expression: string) => Promise<unknown>> {
    const session: CDPSession = await page.context().newCDPSession(page);
    return async (expression) => {
      const { result } = await session.send('Runtime.evaluate', { expression, returnByValue: true, userGesture: false });
      return result.value;
    };
  }

  /** Tone.js's own "AudioContext is suspended" console warnings (eight per load before they were silenced). */
  let suspendedWarnings: string[] = [];

  async function openHeldBack(): Promise<{ page: Page; read: (e: string) => Promise<unknown> }> {
    const page = await open({ autoplay: false });
    suspendedWarnings = [];
    page.on('console', (m) => {
      if (m.text().includes('AudioContext is "suspended"')) suspendedWarnings.push(m.text());
    });
    const read = await reader(page);
    await page.goto(inject('baseUrl'));
    await expect
      .poll(
        () =>
          read(
            `!!document.querySelector('button.play') && !document.querySelector('[aria-busy="true"]') && !!document.querySelector('.gesture')`,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await read('navigator.userActivation.hasBeenActive')).toBe(false); // the test's premise
    expect(await read(`document.querySelector('.gesture').textContent`)).toBe(
      'Sound is off until you click or press a key on the page: the browser holds audio back until then.',
    );
    return { page, read };
  }

  it('says so, keeps asking when Play is pressed by script, and plays after a real click', async () => {
    const { page, read } = await openHeldBack();
    // Keep the loudest output-meter reading (the shot is loud for a moment only).
    await read(`window.loudest = -60; new MutationObserver(() => {
      window.loudest = Math.max(window.loudest, Number(document.querySelector('[role="meter"]').getAttribute('aria-valuenow')));
    }).observe(document.querySelector('[role="meter"]'), { attributes: true })`);
    // A click from script is not a user gesture: Chromium keeps the AudioContext suspended.
    await read(`document.querySelector('button.play').click()`);
    await expect
      .poll(() => read(`[...document.querySelectorAll('.messages span[role="status"]')].map((s) => s.textContent).join('\\n')`), {
        timeout: 10_000,
      })
      .toContain('The browser has not allowed audio yet: click Play (or press Space) once more to start it.');
    expect(await read(`document.querySelector('button.play').textContent.trim()`)).toBe('Play');
    expect(await read(`document.querySelector('[data-testid="position"]').textContent.startsWith('0.00 s')`)).toBe(true);
    expect(await read('window.loudest')).toBe(-60); // not a sound

    // A real click (a trusted input event through DevTools' Input domain).
    const box = (await read(`JSON.stringify(document.querySelector('button.play').getBoundingClientRect())`)) as string;
    const { x, y, width, height } = JSON.parse(box) as DOMRect;
    await page.mouse.click(x + width / 2, y + height / 2);
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await expect.poll(() => position(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
    // Sound really flows: the output meter (an analyser after the limiter) shows the shot.
    await expect.poll(() => read('window.loudest'), { timeout: 10_000 }).toBeGreaterThan(-40);
    expect(await page.locator('.gesture').count()).toBe(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  });

  it('a key press lets sound start too (Space plays)', async () => {
    const { page } = await openHeldBack();
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await expect.poll(() => position(page), { timeout: 10_000 }).toBeGreaterThan(0.05);
    expect(await page.locator('.gesture').count()).toBe(0);
    await page.keyboard.press(' ');
    // The page said "Sound is off until you click…" in its own words; Tone.js's console warnings add nothing.
    expect(suspendedWarnings).toEqual([]);
  });
});

describe('the microphone', { timeout: 120_000 }, () => {
  const record = (page: Page) => page.getByRole('region', { name: 'Record from the microphone' });

  it('denied: a fake microphone, permission not granted: Chromium answers NotAllowedError', async () => {
    const page = await open({ args: ['--use-fake-device-for-media-stream'] });
    await page.goto(inject('baseUrl'));
    await settled(page);
    await record(page).getByRole('button', { name: '● Record' }).click();
    const text = 'Microphone access was denied. Allow it for this page in the browser’s site settings, then try again.';
    await expect.poll(() => record(page).getByRole('alert').textContent(), { timeout: 10_000 }).toBe(text);
    expect(await alertTexts(page)).toEqual([text]);
    await playsAndPauses(page);
  });

  it('absent: permission granted but no capture device: Chromium answers NotFoundError', async () => {
    const page = await open({}, ['microphone']);
    await page.goto(inject('baseUrl'));
    await settled(page);
    await record(page).getByRole('button', { name: '● Record' }).click();
    const text = 'No microphone was found. Plug one in (or enable it) and try again.';
    await expect.poll(() => record(page).getByRole('alert').textContent(), { timeout: 10_000 }).toBe(text);
    await playsAndPauses(page);
  });

  it("allowed: a take from Chromium's fake microphone becomes a clip", async () => {
    const page = await open({ args: ['--use-fake-device-for-media-stream'] }, ['microphone']);
    await page.goto(inject('baseUrl'));
    await settled(page);
    await record(page).getByRole('button', { name: '● Record' }).click();
    // The fake device beeps once a second: 2.5 s holds at least two beeps.
    await expect
      .poll(
        async () =>
          Number(/\(([\d.]+) s\)/.exec((await record(page).getByRole('button', { name: /^Stop/ }).textContent()) ?? '')?.[1] ?? 0),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(2.5);
    await record(page).getByRole('button', { name: /^Stop/ }).click();
    await expect
      .poll(async () => (await page.locator('#clip-select option:checked').textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/^Recording .*\.webm \(yours\)$/);
    await settled(page);
    expect(await alertTexts(page)).toEqual([]);
    await playsAndPauses(page);
  });
});

describe('storage full', { timeout: 120_000 }, () => {
  it('a real QuotaExceededError from IndexedDB: the clip is not kept, says so, and works until reload', async () => {
    const page = await open();
    // A fresh profile with a 1-byte quota from the start (DevTools' quota override):
    // Chromium caches an origin's free space for 30 s, so it must be small before the
    // page first opens IndexedDB.
    const session = await page.context().newCDPSession(page);
    await session.send('Storage.overrideQuotaForOrigin', { origin: new URL(inject('baseUrl')).origin, quotaSize: 1 });
    await page.goto(inject('baseUrl'));
    await settled(page);
    const tone = Float32Array.from({ length: 96_000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / 48_000));
    await page.getByTestId('file-input').setInputFiles({
      name: 'keeper.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from(encodeWav({ sampleRate: 48_000, channels: [tone] }, 'pcm16')),
    });
    await expect
      .poll(() => alertTexts(page), { timeout: 15_000 })
      .toContain(
        "The browser's storage is full, so “keeper.wav” was not saved: it stays until you reload. Nothing of yours is stored here to delete: the browser limits this site's storage (a private window?) or other data fills it.",
      );
    await expect
      .poll(async () => page.locator('#clip-select option:checked').textContent(), { timeout: 15_000 })
      .toBe('keeper.wav (yours)');
    await settled(page);
    const timeline = Number((await page.getByTestId('position').textContent())!.split(' ')[3]);
    expect(timeline).toBeGreaterThan(2); // the 2 s clip and the reverb's tail
    await playsAndPauses(page);
    // As promised: after a reload it is gone, and the lab opens as usual.
    await page.reload();
    await settled(page);
    expect(await page.locator('#clip-select option', { hasText: '(yours)' }).count()).toBe(0);
    await playsAndPauses(page);
  });
});

/** Install a timer in the page and return a reader of its longest stall since, ms. */
async function watchStalls(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { longestGap: number };
    w.longestGap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.longestGap = Math.max(w.longestGap, now - last);
      last = now;
    }, 20);
  });
  return () => page.evaluate(() => (window as unknown as { longestGap: number }).longestGap);
}

describe('long files whose first bytes do not give their length', { timeout: 120_000 }, () => {
  let dir = '';
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', ...args]);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
    // A real hour of MP3 without a Xing/Info frame (as some encoders write them): its
    // length is in no header, only in the count of its frames. 8 kHz at 8 kb/s: 3.6 MB.
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:sample_rate=8000:duration=3600',
      '-af',
      'volume=0.3',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '8k',
      '-write_xing',
      '0',
      '-y',
      join(dir, 'hour.mp3'),
    );
    // 21 minutes of WebM/Opus, as MediaRecorder writes it: no length anywhere but in the
    // decoded audio. (An hour of Opus takes ffmpeg half a minute to encode here.)
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:sample_rate=48000:duration=1260',
      '-af',
      'volume=0.3',
      '-c:a',
      'libopus',
      '-b:a',
      '6k',
      '-y',
      join(dir, 'long.webm'),
    );
  }, 90_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an hour of MP3 without a frame index is refused before reading it, from its first frames and its size', async () => {
    expect(statSync(join(dir, 'hour.mp3')).size).toBeGreaterThan(3_500_000); // 8 kb/s × 3600 s
    const page = await open();
    await page.goto(inject('baseUrl'));
    await settled(page);
    const longestStall = await watchStalls(page);
    await page.getByTestId('file-input').setInputFiles(join(dir, 'hour.mp3'));
    await expect
      .poll(() => alertTexts(page), { timeout: 30_000 })
      .toEqual([
        '“hour.mp3” is 60 minutes long: the lab opens up to 20 minutes (a longer clip would need gigabytes of memory to render and compare). Cut out the part you want to compare and add that.',
      ]);
    // Not decoded into 691 MB of samples: the page never stalled (generous: a shared, busy machine).
    expect(await longestStall()).toBeLessThan(1_000);
    await expect.poll(() => page.locator('.import [role="status"]').count()).toBe(0);
    await playsAndPauses(page);
  });

  it('21 minutes of WebM is decoded (off the main thread), then refused', async () => {
    const page = await open();
    await page.goto(inject('baseUrl'));
    await settled(page);
    const longestStall = await watchStalls(page);
    await page.getByTestId('file-input').setInputFiles(join(dir, 'long.webm'));
    await expect
      .poll(() => alertTexts(page), { timeout: 60_000 })
      .toEqual([
        '“long.webm” is 21 minutes long: the lab opens up to 20 minutes (a longer clip would need gigabytes of memory to render and compare). Cut out the part you want to compare and add that.',
      ]);
    expect(await longestStall()).toBeLessThan(3_000);
    await playsAndPauses(page);
  });
});
