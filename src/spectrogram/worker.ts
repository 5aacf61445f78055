/**
 * Spectrogram worker: holds one clip, answers requests for the visible part first (one frame
 * per pixel column, at the hop the zoom asks for), and computes the whole clip once in chunks
 * between them. A newer `load` cancels the overview still running for an older one.
 */
import { fftJsEngine, type PowerFft } from './fft-engine';
import { pffftEngine } from './fft-pffft';
import { overviewRange, stftTile, visibleRange } from './stft';
import type { SpectrogramRequest, SpectrogramResponse } from './protocol';

const ctx = self as unknown as { postMessage(m: SpectrogramResponse, transfer?: Transferable[]): void; onmessage: unknown };
let clip: { channels: Float32Array[]; sampleRate: number; fft: PowerFft; generation: number } | null = null;
let generation = -1;
/** Settles when the latest load has its FFT ready: tile requests sent right after a load wait for it. */
let loading: Promise<void> = Promise.resolve();

/** PFFFT when WebAssembly may compile here (a CSP without 'wasm-unsafe-eval' forbids it), else fft.js. */
async function engine(size: number): Promise<PowerFft> {
  try {
    return await pffftEngine(size);
  } catch {
    return fftJsEngine(size);
  }
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function overview(current: NonNullable<typeof clip>): Promise<void> {
  const started = performance.now();
  const length = Math.max(...current.channels.map((c) => c.length));
  const range = overviewRange(length, current.fft.size);
  const bins = current.fft.size / 2 + 1;
  const data = new Uint8Array(range.frames * bins);
  const CHUNK = 256;
  for (let f = 0; f < range.frames; f += CHUNK) {
    // Let tile requests and a newer load in between chunks.
    await pause();
    if (current.generation !== generation) return;
    const frames = Math.min(CHUNK, range.frames - f);
    const part = stftTile(current.channels, current.sampleRate, current.fft, {
      start: range.start + f * range.hop,
      hop: range.hop,
      frames,
    });
    data.set(part.data, f * bins);
    ctx.postMessage({ type: 'progress', generation: current.generation, done: f + frames, total: range.frames });
  }
  const tile = { ...range, sampleRate: current.sampleRate, fftSize: current.fft.size, bins, data };
  ctx.postMessage({ type: 'overview', generation: current.generation, tile, ms: performance.now() - started }, [data.buffer]);
}

ctx.onmessage = async (event: MessageEvent<SpectrogramRequest>) => {
  const m = event.data;
  try {
    if (m.type === 'load') {
      generation = m.generation;
      loading = engine(m.fftSize).then((fft) => {
        if (m.generation !== generation) return;
        clip = { channels: m.channels, sampleRate: m.sampleRate, fft, generation: m.generation };
        void overview(clip);
      });
      return;
    }
    await loading;
    if (clip && m.generation === clip.generation) {
      const started = performance.now();
      const tile = stftTile(clip.channels, clip.sampleRate, clip.fft, visibleRange(m.t0, m.t1, m.columns, clip.sampleRate));
      const ms = performance.now() - started;
      ctx.postMessage({ type: 'tile', generation: m.generation, request: m.request, tile, engine: clip.fft.name, ms }, [tile.data.buffer]);
    }
  } catch (e) {
    ctx.postMessage({ type: 'error', generation: m.generation, message: e instanceof Error ? e.message : String(e) });
  }
};
