/**
 * A teacher's tools in the built app. The scene editor: the lab as it is saved as a scene
 * with a formatted caption and a region marked from the loop; on a fresh page it is kept
 * (IndexedDB) and opens in the demo after the bundled scenes, with its caption and
 * region. Lesson packs: made from the page with a recording of the teacher's own, opened
 * in a fresh profile with the network off (corrupt and non-audio packs refused first,
 * changing nothing), the scene played. Pooling: three listeners' ABX exports give the
 * pooled p computed by hand.
 * One browser, one page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from './browser';
import { drawnRegionLabels, settled } from './helpers';
import { loadBundledScenes } from '../../src/demo/scenes';
import { abxToCsv, abxToJson, type AbxReport } from '../../src/abx/export';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { encodeWav } from '../../src/codec/wav';

const bundled = loadBundledScenes().scenes.length;
const messages = (page: Page) => page.locator('.messages li span').allTextContents();

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

    // Bundled sounds only: Share gives the link, whose address carries the comparison.
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(() => page.locator('.share [role="status"]').textContent()).toMatch(/Link copied|Copy this link/);
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

    // The scene that declares a blind test (scene 5) names its key, X: it starts the test from the scene itself.
    const abxScene = loadBundledScenes().scenes.findIndex((sc) => sc.blindTest?.key === 'x');
    while ((await page.getByTestId('scene-counter').textContent()) !== `Scene ${abxScene + 1} of ${bundled + 1}`)
      await page.keyboard.press('PageUp');
    await expect.poll(() => page.locator('#scene-title').textContent()).toBe('Class ABX challenge');
    expect(await page.getByTestId('blind-test-key').textContent()).toMatch(/^\s*Press X to start the blind ABX test/);
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('abx-progress').textContent()).toContain('Trial 1 of');
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1); // X plays
    await page.getByRole('button', { name: 'End ABX' }).click();
    expect(errors).toEqual([]);
  });

  it("packs the lesson with the teacher's own recording and opens it offline in a fresh profile", async () => {
    const leave = page.getByRole('button', { name: 'Leave demo' });
    if (await leave.count()) await leave.click(); // the first test ends in the demo
    // A recording of the teacher's own (a 330 Hz burst) in slot A, saved as a second scene.
    const tone = Float32Array.from({ length: 24_000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 330 * i) / 48_000) * Math.exp(-i / 6000));
    await page.getByTestId('file-input').setInputFiles({
      name: 'my burst.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from(encodeWav({ sampleRate: 48_000, channels: [tone] }, 'pcm16')),
    });
    await expect.poll(() => page.locator('#clip-select').inputValue(), { timeout: 15_000 }).toMatch(/^user:/);
    await settled(page);
    // A link cannot carry the recording: Share says so and offers the pack.
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect
      .poll(() => page.locator('.share [role="status"]').textContent())
      .toContain('Your own recordings are in use (my burst.wav)');
    await page.getByRole('button', { name: 'Make a scene' }).click();
    await page.getByTestId('scene-title-field').fill('My burst');
    await page.getByRole('button', { name: 'Save as scene' }).click();
    await expect.poll(() => page.getByTestId('own-scene').last().textContent()).toContain('My burst');
    const scenes = await page.getByTestId('own-scene').count(); // 2 after the first test
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export lesson pack' }).click()]);
    const pack = readFileSync(await download.path());
    expect(Object.keys(unzipSync(pack)).sort()).toEqual(['LICENCE.txt', 'manifest.json', 'samples/1-my_burst.wav']);

    // A fresh profile: the lab loads once (the service worker keeps it), then the network goes off.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await other.goto(inject('baseUrl'));
    await settled(other);
    await other.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await other.reload();
    await expect.poll(() => other.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
    await fresh.setOffline(true);
    const open = (name: string, buffer: Buffer) =>
      other.getByTestId('open-pack').setInputFiles({ name, mimeType: 'application/zip', buffer });

    const files = unzipSync(pack);
    const notAudio = Buffer.from(
      zipSync({ ...files, 'samples/1-my_burst.wav': strToU8('x'.repeat(files['samples/1-my_burst.wav'].byteLength)) }),
    );
    await open('corrupt.zip', pack.subarray(0, pack.byteLength >> 1));
    await open('notes.zip', notAudio);
    await expect
      .poll(() => messages(other))
      .toEqual([
        '“corrupt.zip” cannot be opened: it is not a zip file, or it is damaged or cut short. Nothing was added.',
        '“notes.zip” cannot be opened: the file inside it “my burst.wav” is a text file, not audio. Nothing was added.',
      ]);
    expect(await other.locator('#demo-about').textContent()).not.toContain('of yours');

    await open('lesson.zip', pack);
    await expect.poll(() => messages(other)).toContain(`Opened “lesson.zip”: ${scenes} scene(s) and 1 recording(s) added to your scenes.`);
    await other.goto(`${inject('baseUrl')}#demo-${bundled + scenes}`);
    await other.reload(); // a new address with only a new #… does not load the page again
    await expect.poll(() => other.locator('#scene-title').textContent(), { timeout: 15_000 }).toBe('My burst');
    await settled(other, 40_000);
    expect(await other.locator('#clip-select').inputValue()).toMatch(/^user:/);
    await other.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => other.getByTestId('position').textContent()).not.toMatch(/^0\.00 /);
    await fresh.close();
  }, 120_000); // two page loads, a service worker install and a scene: about 20 s on an idle machine, 55 s on a loaded one

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
