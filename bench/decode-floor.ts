/**
 * Figure 10's floor: the renderer's peak resident memory above an empty page while it does
 * nothing but what any page must to open the same files — read each File and hand its bytes
 * to decodeAudioData, keeping the AudioBuffers. The lab's figure above this is its own cost.
 * Then the same steps one at a time, garbage collected between them, for the accounting in
 * bench/README.md: reading a File's bytes, hashing them in a worker (as src/audio/hash-worker.ts
 * does), decodeAudioData of the bytes read, and filling an AudioBuffer from slices of the File.
 * Run: npx tsx bench/decode-floor.ts FILE… (prints MB).
 */
import { chromium, type Page } from 'playwright';
import { readMemory, rendererPids, resetPeaks } from './process-memory';
import { serve } from './server';

const MB = 1024 * 1024;
const files = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--js-flags=--expose-gc'],
});
const server = await serve({}, {});

/** Peak and resident growth of the busiest renderer while `work` runs in a fresh page. */
async function measure(work: (page: Page) => Promise<unknown>, setUp?: (page: Page) => Promise<unknown>) {
  const page = await browser.newPage();
  // A page from localhost: a secure context, where crypto.subtle exists.
  await page.goto(`${server.url}/empty.html`);
  await page.setContent('<input type="file" multiple>');
  await page.evaluate('globalThis.__name = (f) => f'); // tsx names functions with a helper the page lacks
  await page.locator('input').setInputFiles(files);
  await setUp?.(page);
  const pids = await rendererPids(browser);
  await page.waitForTimeout(500);
  resetPeaks(pids);
  const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
  await work(page);
  await page.waitForTimeout(1000);
  const grew = pids.map((p) => ({
    peak: +((readMemory(p).peakBytes - before.get(p)!) / MB).toFixed(1),
    now: +((readMemory(p).rssBytes - before.get(p)!) / MB).toFixed(1),
  }));
  await page.close();
  return grew.reduce((a, b) => (b.peak > a.peak ? b : a));
}

const each = (step: string) => (page: Page) =>
  page.evaluate(async (step) => {
    const gc = (globalThis as unknown as { gc: () => void }).gc;
    const kept: unknown[] = [];
    for (const file of Array.from(document.querySelector('input')!.files ?? [])) {
      if (step === 'read') kept.push(await file.arrayBuffer());
      if (step === 'hash') {
        const code = `onmessage = async (e) => postMessage(await crypto.subtle.digest('SHA-256', await e.data.arrayBuffer()))`;
        const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
        await new Promise((done) => ((worker.onmessage = done), worker.postMessage(file)));
        worker.terminate();
      }
      if (step === 'decode') kept.push(await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer()));
      if (step === 'slices') {
        // 16-bit stereo after a 44-byte header, as bench/wav.ts writes them.
        const frames = (file.size - 44) / 4;
        const buffer = new AudioBuffer({ length: frames, numberOfChannels: 2, sampleRate: 48_000 });
        const step = 1 << 15;
        const planes = [new Float32Array(step), new Float32Array(step)];
        for (let at = 0; at < frames; at += step) {
          const n = Math.min(step, frames - at);
          const pcm = new Int16Array(await file.slice(44 + at * 4, 44 + (at + n) * 4).arrayBuffer());
          for (let c = 0; c < 2; c++) {
            for (let i = 0; i < n; i++) planes[c][i] = pcm[2 * i + c] / 32768;
            buffer.copyToChannel(planes[c].subarray(0, n), c, at);
          }
        }
        kept.push(buffer);
      }
      gc();
    }
    (globalThis as unknown as { kept: unknown[] }).kept = kept;
  }, step);

try {
  const floor = await measure((page) =>
    page.evaluate(async () => {
      const kept: AudioBuffer[] = [];
      for (const file of Array.from(document.querySelector('input')!.files ?? []))
        kept.push(await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer()));
      (window as unknown as { kept: AudioBuffer[] }).kept = kept;
    }),
  );
  console.error('floor', floor);
  const steps: Record<string, unknown> = {};
  for (const step of ['read', 'hash', 'decode', 'slices']) {
    steps[step] = await measure(each(step));
    console.error(step, steps[step]);
  }
  console.log(JSON.stringify({ floor: { peakMB: floor.peak, residentMB: floor.now }, steps }));
} finally {
  await browser.close();
  await server.close();
}
