/**
 * Spectrogram worker: receives one clip in chunks, answers requests for the visible part
 * first (one frame per pixel column, at the hop the zoom asks for) and computes the whole
 * clip once, chunk by chunk as the samples arrive, between requests. A newer clip cancels
 * everything still running for an older one.
 */
import { fftJsEngine, type PowerFft } from './fft-engine';
import { pffftEngine } from './fft-pffft';
import { DEFAULT_FFT_SIZE, overviewRange, stftTile, visibleRange } from './stft';
import { spanOf, tileFromExcerpt } from './excerpt';
import type { SpectrogramRequest, SpectrogramResponse } from './protocol';

const ctx = self as unknown as { postMessage(m: SpectrogramResponse, transfer?: Transferable[]): void; onmessage: unknown };

interface Clip {
  generation: number;
  sampleRate: number;
  channels: Float32Array[];
  /** Samples received so far (chunks arrive in order). */
  received: number;
  fft: Promise<PowerFft>;
  /** Resolved when the next chunk arrives. */
  arrival: { promise: Promise<void>; resolve: () => void };
}

let clip: Clip | null = null;
/** The engine for the default size is compiled as soon as the worker starts, before any clip arrives. */
const engines = new Map<number, Promise<PowerFft>>();
/** Settles when the first tile of the current clip has been answered: the whole clip waits for it. */
let firstTile: { promise: Promise<void>; resolve: () => void } = arrival();

function arrival(): Clip['arrival'] {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** PFFFT when WebAssembly may compile here (a CSP without 'wasm-unsafe-eval' forbids it), else fft.js. */
function engine(size: number): Promise<PowerFft> {
  let e = engines.get(size);
  if (!e) {
    e = pffftEngine(size).catch(() => fftJsEngine(size));
    engines.set(size, e);
  }
  return e;
}
void engine(DEFAULT_FFT_SIZE);

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function overview(current: Clip): Promise<void> {
  const started = performance.now();
  const fft = await current.fft;
  const length = current.channels[0]?.length ?? 0;
  const range = overviewRange(length, fft.size);
  const bins = fft.size / 2 + 1;
  const data = new Uint8Array(range.frames * bins);
  // Small steps, so a tile request never waits long behind one; none before the first picture.
  const CHUNK = 64;
  await Promise.race([firstTile.promise, new Promise((resolve) => setTimeout(resolve, 300))]);
  for (let f = 0; f < range.frames; f += CHUNK) {
    const frames = Math.min(CHUNK, range.frames - f);
    const part = { start: range.start + f * range.hop, hop: range.hop, frames };
    // Wait for the samples these frames read; let tile requests and a newer clip in between.
    while (current === clip && current.received < Math.min(length, spanOf(part, fft.size)[1])) await current.arrival.promise;
    await pause();
    if (current !== clip) return;
    data.set(stftTile(current.channels, current.sampleRate, fft, part).data, f * bins);
    ctx.postMessage({ type: 'progress', generation: current.generation, done: f + frames, total: range.frames });
  }
  const tile = { ...range, sampleRate: current.sampleRate, fftSize: fft.size, bins, data };
  ctx.postMessage({ type: 'overview', generation: current.generation, tile, ms: performance.now() - started }, [data.buffer]);
}

async function answer(current: Clip, m: Extract<SpectrogramRequest, { type: 'tile' }>): Promise<void> {
  const fft = await current.fft;
  const started = performance.now();
  const range = visibleRange(m.t0, m.t1, m.columns, current.sampleRate);
  const length = current.channels[0]?.length ?? 0;
  if (!m.excerpt) {
    while (current === clip && current.received < Math.min(length, spanOf(range, fft.size)[1])) await current.arrival.promise;
  }
  if (current !== clip) return;
  const tile = m.excerpt
    ? tileFromExcerpt(m.excerpt, current.sampleRate, fft, range)
    : stftTile(current.channels, current.sampleRate, fft, range);
  const ms = performance.now() - started;
  ctx.postMessage({ type: 'tile', generation: m.generation, request: m.request, tile, engine: fft.name, ms }, [tile.data.buffer]);
  firstTile.resolve();
}

ctx.onmessage = (event: MessageEvent<SpectrogramRequest>) => {
  const m = event.data;
  const fail = (e: unknown) =>
    ctx.postMessage({ type: 'error', generation: m.generation, message: e instanceof Error ? e.message : String(e) });
  if (m.type === 'begin') {
    firstTile = arrival();
    const channels = Array.from({ length: m.channelCount }, () => new Float32Array(m.length));
    clip = { generation: m.generation, sampleRate: m.sampleRate, channels, received: 0, fft: engine(m.fftSize), arrival: arrival() };
    overview(clip).catch(fail);
  } else if (clip && m.generation === clip.generation) {
    if (m.type === 'chunk') {
      m.channels.forEach((data, c) => clip!.channels[c].set(data, m.offset));
      clip.received = m.offset + m.channels[0].length;
      const previous = clip.arrival;
      clip.arrival = arrival();
      previous.resolve();
    } else {
      answer(clip, m).catch(fail);
    }
  }
};
