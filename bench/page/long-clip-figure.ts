/**
 * Figures 4 and 6: a long clip (10 minutes in the full run) served by the bench server.
 *
 * 4: the lab's way to show it — decodeAudio (decode + sample checks), viewPeaks, a
 *    wavesurfer.js view with the WaveformView's options, until wavesurfer reports the
 *    drawing complete — against decodeAudioData of the same bytes alone. The bytes are
 *    fetched before the clock starts in both, so only the work after that is compared.
 * 6: load and process it the way LabState does (decode, render B offline through the
 *    chain with the bundled street IR, peaks for both views) and keep it all alive,
 *    so the driver can read the renderer process's peak memory.
 */
import WaveSurfer from 'wavesurfer.js';
import { decodeAudio } from '../../src/audio/decode';
import { renderProcessedFast } from '../../src/render/render-processed';
import { defaultSettings } from '../../src/audio/settings';
import { LAB_SAMPLE_RATE } from '../../src/audio/constants';
import { viewPeaks } from '../../src/ui/waveform-peaks';
import { findSample } from '../../src/samples/catalog';
import { fetchAndDecode } from '../../src/audio/decode';
import { channelsOf, collectGarbage } from './signals';

const bytesCache = new Map<string, ArrayBuffer>();

async function fileBytes(url: string): Promise<ArrayBuffer> {
  let bytes = bytesCache.get(url);
  if (!bytes) {
    bytes = await (await fetch(url)).arrayBuffer();
    bytesCache.set(url, bytes);
  }
  // decodeAudioData detaches what it is given: hand out a copy each time.
  return bytes.slice(0);
}

export async function timeDecodeOnly(url: string): Promise<number> {
  const bytes = await fileBytes(url);
  collectGarbage();
  const t0 = performance.now();
  await new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE).decodeAudioData(bytes);
  return performance.now() - t0;
}

/** Resolves when wavesurfer has finished drawing the peaks it was given. */
export function drawPeaks(container: HTMLElement, peaks: Float32Array[], duration: number): Promise<WaveSurfer> {
  const ws = WaveSurfer.create({
    container,
    height: 128,
    waveColor: '#4a9',
    progressColor: '#4a9',
    cursorWidth: 2,
    normalize: false,
    interact: true,
    dragToSeek: false,
    hideScrollbar: true,
  });
  return new Promise((resolve, reject) => {
    ws.once('redrawcomplete', () => resolve(ws));
    ws.load('', peaks, duration).catch(reject);
  });
}

/** Figure 4's time, and where it went (ms). */
export interface LoadAndDrawTimes {
  ms: number;
  decodeAndChecks: number;
  peaks: number;
  draw: number;
}

export async function timeLoadAndDraw(url: string): Promise<LoadAndDrawTimes> {
  const bytes = await fileBytes(url);
  const container = document.createElement('div');
  container.style.width = '1200px';
  document.body.append(container);
  collectGarbage();
  const t0 = performance.now();
  // The lab refuses clips over MAX_CLIP_SECONDS (5 min); the figure is 10 minutes.
  // `consume`, as fetchAndDecode does for a bundled clip (the bytes are this run's own copy).
  const { buffer } = await decodeAudio(bytes, 'long clip', { maxSeconds: Infinity, consume: true });
  const t1 = performance.now();
  const { peaks } = viewPeaks(channelsOf(buffer), buffer.sampleRate, buffer.duration);
  const t2 = performance.now();
  const ws = await drawPeaks(container, peaks, buffer.duration);
  const t3 = performance.now();
  ws.destroy();
  container.remove();
  return { ms: t3 - t0, decodeAndChecks: t1 - t0, peaks: t2 - t1, draw: t3 - t2 };
}

/** Everything the lab holds for one loaded and processed clip; kept alive on purpose. */
const held: unknown[] = [];

export interface ProcessedSizes {
  /** Bytes of Float32 sample data in the decoded clip (A). */
  clipBytes: number;
  /** Bytes of Float32 sample data in the rendered clip (B). */
  processedBytes: number;
  ms: number;
}

export async function loadAndProcess(url: string): Promise<ProcessedSizes> {
  const t0 = performance.now();
  const irEntry = findSample('ir-antwerp-street');
  if (!irEntry) throw new Error('bundled IR ir-antwerp-street is missing');
  const [clip, ir] = await Promise.all([
    // Past the lab's 5-minute limit on purpose: this figure is why the limit exists.
    fetchAndDecode(url, 'long clip', { maxSeconds: Infinity }).then((d) => d.buffer),
    fetchAndDecode(irEntry.url, irEntry.title).then((d) => d.buffer),
  ]);
  const { buffer: processed } = await renderProcessedFast(clip, ir, defaultSettings(irEntry.id));
  const timeline = processed.duration;
  held.push(
    clip,
    ir,
    processed,
    viewPeaks(channelsOf(clip), clip.sampleRate, timeline),
    viewPeaks(channelsOf(processed), processed.sampleRate, timeline),
  );
  const bytes = (b: AudioBuffer) => b.length * b.numberOfChannels * Float32Array.BYTES_PER_ELEMENT;
  return { clipBytes: bytes(clip), processedBytes: bytes(processed), ms: performance.now() - t0 };
}
