/**
 * Figure 10's floor: the renderer's peak resident memory above an empty page while it does
 * nothing but what any page must to open the same files — read each File and hand its bytes
 * to decodeAudioData, keeping the AudioBuffers. The lab's figure above this is its own cost.
 * Run: npx tsx bench/decode-floor.ts FILE… (prints MB).
 */
import { chromium } from 'playwright';
import { readMemory, rendererPids, resetPeaks } from './process-memory';

const MB = 1024 * 1024;
const files = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<input type="file" multiple>');
  const pids = await rendererPids(browser);
  await page.waitForTimeout(500);
  resetPeaks(pids);
  const before = new Map(pids.map((p) => [p, readMemory(p).rssBytes]));
  await page.locator('input').setInputFiles(files);
  await page.evaluate(async () => {
    const input = document.querySelector('input')!;
    const kept: AudioBuffer[] = [];
    for (const file of Array.from(input.files ?? []))
      kept.push(await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer()));
    (window as unknown as { kept: AudioBuffer[] }).kept = kept;
  });
  await page.waitForTimeout(1000);
  const grew = pids.map((p) => ({
    peak: (readMemory(p).peakBytes - before.get(p)!) / MB,
    now: (readMemory(p).rssBytes - before.get(p)!) / MB,
  }));
  const main = grew.reduce((a, b) => (b.peak > a.peak ? b : a));
  console.log(JSON.stringify({ peakMB: +main.peak.toFixed(1), residentMB: +main.now.toFixed(1) }));
} finally {
  await browser.close();
}
