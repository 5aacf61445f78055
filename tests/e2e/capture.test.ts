/**
 * "Nothing lost", end to end in the built app with Chromium's fake microphone (a beep
 * pattern, recorded by the real Record plugin): a recording and a designed IR survive a
 * reload and can be deleted; the designer's settings come back; an exported IR is a WAV
 * of the length shown; a sweep capture that cannot hear its sweep says so.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { FAKE_MICROPHONE, launchChromium } from './browser';
import { cspViolations, recordCspViolations, settled } from './helpers';
import { decodeWav } from '../../src/codec/wav';

interface Stored {
  samples: { id: string; name: string; kind: string }[];
  clipId: string | null;
  irId: string | null;
}

/**
 * What the app keeps in IndexedDB, read with the raw API. If the database does not exist
 * yet the read is aborted rather than creating it (without the app's store in it).
 */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('canyon-lab');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve({ samples: [], clipId: null, irId: null });
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readonly');
          const samples = tx.objectStore('kv').get('user-samples');
          const settings = tx.objectStore('kv').get('settings');
          tx.oncomplete = () => {
            db.close();
            const list = (samples.result ?? []) as Stored['samples'];
            resolve({
              samples: list.map(({ id, name, kind }) => ({ id, name, kind })),
              // Session version 3: the clip is slot A's source, the space slot B's IR.
              clipId: settings.result?.comparison?.slots?.[0]?.source ?? null,
              irId: settings.result?.comparison?.slots?.[1]?.settings?.reverb?.irId ?? null,
            });
          };
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

async function ready(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'A: original' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
}

const optionTexts = (page: Page, select: string) => page.locator(`${select} option`).allTextContents();

describe('nothing lost: the built lab keeps what the user made across reloads', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium({ args: FAKE_MICROPHONE });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    await recordCspViolations(context); // the built page's strict CSP must let all of this work
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
    await ready(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a microphone recording is in the clip list, survives a reload, and can be deleted', async () => {
    const recorder = page.getByRole('region', { name: 'Record from the microphone' });
    await recorder.getByRole('button', { name: '● Record' }).click();
    const stop = recorder.getByRole('button', { name: /^Stop/ });
    await stop.waitFor();
    await page.waitForTimeout(2500); // a few seconds of the fake microphone's beeps
    await stop.click();

    const clipSelect = page.locator('#clip-select');
    await expect.poll(async () => (await clipSelect.inputValue()).startsWith('user:'), { timeout: 20_000 }).toBe(true);
    const id = await clipSelect.inputValue();
    const title = (await clipSelect.locator('option:checked').textContent())!;
    expect(title).toMatch(/^Recording .*\.webm \(yours\)$/);
    // Saved (the audio and the choice of clip) before the reload, not just shown.
    await expect.poll(async () => (await stored(page)).clipId, { timeout: 10_000 }).toBe(id);
    // The recording is written while it is already in use: its entry comes once the write is done.
    await expect
      .poll(async () => (await stored(page)).samples, { timeout: 10_000 })
      .toEqual([{ id, name: title.replace(/ \(yours\)$/, ''), kind: 'clip' }]);
    // The timeline is the longest slot: read it once B (the recording through the reverb) is rendered.
    await settled(page);
    const duration = Number((await page.getByTestId('position').textContent())!.split(' ')[3]);

    await page.reload();
    await ready(page);
    await settled(page);
    expect(await clipSelect.inputValue()).toBe(id);
    expect(await optionTexts(page, '#clip-select')).toContain(title);
    // The recording itself came back (decoded from IndexedDB), not just its name.
    expect(Number((await page.getByTestId('position').textContent())!.split(' ')[3])).toBeCloseTo(duration, 2);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: `Delete ${title} from this browser` }).click();
    await expect.poll(() => clipSelect.inputValue(), { timeout: 10_000 }).toBe('gm-gunshot-canned');
    expect(await optionTexts(page, '#clip-select')).not.toContain(title);
    await expect.poll(async () => (await stored(page)).samples, { timeout: 10_000 }).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.reload();
    await ready(page);
    expect(await optionTexts(page, '#clip-select')).not.toContain(title);
  }, 120_000);

  it('a designed IR is heard at once, stays in use across a reload unsaved, exports as the WAV shown, is saved, survives a reload with the design, and can be deleted', async () => {
    const panel = page.getByRole('region', { name: 'Capture a space' });
    await panel.getByRole('button', { name: 'Street designer' }).click();
    await panel.getByLabel('Facade absorption').fill('0.5');
    const result = panel.getByTestId('captured-ir');
    await expect
      .poll(
        () =>
          result
            .getByRole('heading')
            .textContent()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('facade α 0.50');
    const irSelect = page.locator('#ir-select');
    await expect.poll(() => irSelect.inputValue(), { timeout: 10_000 }).toBe('session:designed');
    expect(await result.getByRole('button', { name: 'In use as reverb' }).getAttribute('aria-pressed')).toBe('true');
    const t30 = Number.parseFloat((await result.getByTestId('ir-t30').textContent())!);
    expect(t30).toBeGreaterThan(0.5);

    // Audition the IR through the lab's output: playing while it lasts, then done by itself.
    await result.getByRole('button', { name: 'Listen to the IR' }).click();
    await expect.poll(() => result.getByRole('button', { name: 'Stop' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => result.getByRole('button', { name: 'Listen to the IR' }).count(), { timeout: 20_000 }).toBe(1);

    // In use but not saved: a reload comes back to the same reverb, not to the default IR.
    const unsavedTitle = (await irSelect.locator('option:checked').textContent())!;
    expect(unsavedTitle).toContain('(unsaved)');
    await expect.poll(async () => (await stored(page)).irId, { timeout: 10_000 }).toBe('session:designed');
    await page.reload();
    await ready(page);
    expect(await irSelect.inputValue()).toBe('session:designed');
    expect(await irSelect.locator('option:checked').textContent()).toBe(unsavedTitle);
    await panel.getByRole('button', { name: 'Street designer' }).click();
    await expect
      .poll(
        () =>
          result
            .getByRole('heading')
            .textContent()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('facade α 0.50');
    expect(await result.getByRole('button', { name: 'In use as reverb' }).getAttribute('aria-pressed')).toBe('true');

    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: 'Export WAV' }).click()]);
    expect(download.suggestedFilename()).toBe('Designed street 27 × 160 m, facade α 0.50.wav');
    const wav = decodeWav(readFileSync(await download.path()));
    const shown = (await result.locator('dt:text-is("Length") + dd').textContent())!;
    expect(wav.format).toBe('float32');
    expect(wav.sampleRate).toBe(48_000);
    expect(wav.channels).toHaveLength(1);
    expect(shown).toBe(`${(wav.channels[0].length / 48_000).toFixed(2)} s, mono`);

    await result.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await irSelect.inputValue()).startsWith('user:'), { timeout: 20_000 }).toBe(true);
    const id = await irSelect.inputValue();
    const title = (await irSelect.locator('option:checked').textContent())!;
    expect(title).toBe('Designed street 27 × 160 m, facade α 0.50.wav (yours)');
    await expect.poll(async () => (await stored(page)).irId, { timeout: 10_000 }).toBe(id);

    await page.reload();
    await ready(page);
    expect(await irSelect.inputValue()).toBe(id);
    expect(await optionTexts(page, '#ir-select')).toContain(title);
    // The design is a setting: it comes back with the page.
    await panel.getByRole('button', { name: 'Street designer' }).click();
    expect(await panel.getByLabel('Facade absorption').inputValue()).toBe('0.5');
    await expect
      .poll(
        () =>
          result
            .getByRole('heading')
            .textContent()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('facade α 0.50');

    await page.getByRole('button', { name: 'Delete this impulse response from this browser' }).click();
    await expect.poll(() => irSelect.inputValue(), { timeout: 10_000 }).toBe('ir-canyon-narrow');
    await expect.poll(async () => (await stored(page)).samples, { timeout: 10_000 }).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.reload();
    await ready(page);
    expect(await optionTexts(page, '#ir-select')).not.toContain(title);
  }, 120_000);

  it('a sweep capture that cannot hear its sweep (the fake microphone only beeps) says so', async () => {
    const panel = page.getByRole('region', { name: 'Capture a space' });
    await panel.getByRole('button', { name: 'Sine sweep' }).click();
    await panel.getByLabel('Sweep length').selectOption('2');
    await panel.getByLabel('then record on for').selectOption('1');
    await panel.getByRole('button', { name: 'Play sweep and record' }).click();
    await expect
      .poll(
        () =>
          panel
            .getByTestId('capture-status')
            .textContent()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/Playing the sweep/);
    const problem = panel.getByTestId('capture-problem');
    await problem.waitFor({ timeout: 45_000 });
    expect(await problem.textContent()).toMatch(
      /^No clear sweep in the recording: its response stands only -?\d+ dB above the noise \(need 30 dB\)\. Play the sweep louder or move the microphone closer\./,
    );
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await panel.getByTestId('captured-ir').count()).toBe(0);
    await expect.poll(() => panel.getByRole('button', { name: 'Play sweep and record' }).isEnabled()).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('a microphone the user does not allow', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The fake device, but no automatic "Allow": headless Chromium then refuses the request.
    browser = await launchChromium({ args: ['--use-fake-device-for-media-stream'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(inject('baseUrl'));
    await ready(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sweep capture and recording both say the microphone was denied and how to allow it', async () => {
    const denied = 'Microphone access was denied. Allow it for this page in the browser’s site settings, then try again.';
    const panel = page.getByRole('region', { name: 'Capture a space' });
    await panel.getByRole('button', { name: 'Play sweep and record' }).click();
    const problem = panel.getByTestId('capture-problem');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toBe(denied);
    await expect.poll(() => panel.getByRole('button', { name: 'Play sweep and record' }).isEnabled()).toBe(true);

    const recorder = page.getByRole('region', { name: 'Record from the microphone' });
    await recorder.getByRole('button', { name: '● Record' }).click();
    await expect
      .poll(
        () =>
          recorder
            .getByRole('alert')
            .textContent()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe(denied);
  });
});
