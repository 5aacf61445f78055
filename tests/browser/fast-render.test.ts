/**
 * The lab's FFT render of B (workers, PFFFT) against the browser's own render of the same
 * chain with its ConvolverNode (renderProcessedByNodes), in real Chromium: equal within
 * −90 dB of the reference's peak for every channel layout, compressor on and off, three
 * wet/dry settings and two pre-delays; the compressor stage's native graph equal to the
 * chain's Tone.js nodes; what renders reuse (B's buffer, workers, IR spectra); plus its
 * measurements, progress and cancel.
 */
import { describe, expect, it } from 'vitest';
import { asHeardInStereo, integratedLoudness, padTo } from '../../src/analysis/loudness';
import { samplePeak } from '../../src/analysis/levels';
import { bufferOf } from '../../src/audio/buffer-channels';
import { buildOfflineChain, leadFrames, renderChain, renderProcessedByNodes, upToReverb } from '../../src/audio/render';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { renderProcessedFast } from '../../src/render/render-processed';
import { renderCompressorStage } from '../../src/render/rendered-stage';
import { RenderPool } from '../../src/render/render-pool';
import { recycleRendered } from '../../src/render/render-target';
import type { WorkerRequest } from '../../src/render/render-worker';
import { streamCompressorStage } from '../../src/render/streamed-stage';
import { channelsOf, loadSample } from './helpers';

const SR = 48_000;

/** Largest sample difference relative to the reference's peak, dB. */
function errorDb(fast: AudioBuffer, reference: AudioBuffer): number {
  expect(fast.numberOfChannels).toBe(reference.numberOfChannels);
  expect(fast.length).toBe(reference.length);
  let worst = 0;
  let peak = 0;
  for (let c = 0; c < reference.numberOfChannels; c++) {
    const a = fast.getChannelData(c);
    const b = reference.getChannelData(c);
    for (let i = 0; i < b.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      peak = Math.max(peak, Math.abs(b[i]));
    }
  }
  return worst === 0 ? -Infinity : 20 * Math.log10(worst / peak);
}

/** Channels of several mono samples side by side, cut to the shortest: real audio in every channel. */
async function layered(ids: string[]): Promise<AudioBuffer> {
  const parts = await Promise.all(ids.map(loadSample));
  const length = Math.min(...parts.map((p) => p.length));
  return bufferOf(
    parts.map((p) => p.getChannelData(0).subarray(0, length)),
    SR,
  );
}

const clips = {
  mono: () => loadSample('ufoai-pistol'),
  stereo: async () => {
    const [l, r] = await Promise.all([loadSample('ufoai-pistol'), loadSample('openclonk-gunshot')]);
    const length = Math.max(l.length, r.length);
    const pad = (b: AudioBuffer) => {
      const x = new Float32Array(length);
      x.set(b.getChannelData(0));
      return x;
    };
    return bufferOf([pad(l), pad(r)], SR);
  },
};

const irs = {
  mono: () => loadSample('ir-balloon-room'),
  stereo: () => loadSample('ir-antwerp-street'),
  // True stereo: left→L, left→R, right→L, right→R, from real rooms.
  '4-channel': async () => {
    const street = await loadSample('ir-antwerp-street');
    const others = await layered(['ir-balloon-room', 'ir-diner']);
    const n = Math.min(street.length, others.length);
    return bufferOf(
      [...channelsOf(street), ...channelsOf(others)].map((c) => c.subarray(0, n)),
      SR,
    );
  },
};

function settings(compressor: boolean, wet: number, preDelay: number): ChainSettings {
  const s = defaultSettings('test-ir');
  s.compressor.enabled = compressor;
  s.reverb.wet = wet;
  s.reverb.preDelay = preDelay;
  return s;
}

const cases: [keyof typeof clips, keyof typeof irs, boolean, number, number][] = [];
for (const clip of ['mono', 'stereo'] as const)
  for (const ir of ['mono', 'stereo'] as const)
    for (const compressor of [false, true])
      // Dry and wet mixed with a pre-delay, and wet alone without one (wet 0.5 with a pre-delay: the 4-channel cases).
      for (const [wet, preDelay] of [
        [0.3, 0.05],
        [1, 0],
      ])
        cases.push([clip, ir, compressor, wet, preDelay]);
for (const clip of ['mono', 'stereo'] as const)
  for (const compressor of [false, true]) cases.push([clip, '4-channel', compressor, 0.5, 0.05]);

describe('FFT render in workers equals the ConvolverNode render', () => {
  it.each(cases)('%s clip, %s IR, compressor %s, wet %s, pre-delay %s s', async (clipKind, irKind, compressor, wet, preDelay) => {
    const [clip, ir] = await Promise.all([clips[clipKind](), irs[irKind]()]);
    const s = settings(compressor, wet, preDelay);
    // With the compressor on, also the hidden-makeup compensation the lab applies.
    const compensationDb = compressor ? -14.6 : 0;
    const [fast, reference] = await Promise.all([
      renderProcessedFast(clip, ir, s, compensationDb),
      renderProcessedByNodes(clip, ir, s, compensationDb),
    ]);
    const e = errorDb(fast.buffer, reference);
    console.info(`${clipKind} clip, ${irKind} IR, compressor ${compressor}, wet ${wet}, pre-delay ${preDelay}: ${e.toFixed(1)} dB`);
    expect(e).toBeLessThan(-90);
  });

  it('a render long enough to be split between workers joins seamlessly (11 s of speech in a 5.5 s canyon)', async () => {
    const [clip, ir] = await Promise.all([loadSample('speech-dry'), loadSample('ir-canyon-narrow')]);
    const s = settings(true, 0.5, 0.02);
    const [fast, reference] = await Promise.all([renderProcessedFast(clip, ir, s, -14.6), renderProcessedByNodes(clip, ir, s, -14.6)]);
    expect(fast.buffer.length).toBeGreaterThan(2 ** 19); // two parts of at least 2^18 frames each
    const e = errorDb(fast.buffer, reference);
    console.info(`split render: ${e.toFixed(1)} dB`);
    expect(e).toBeLessThan(-90);
  });

  it('a long B, written into a buffer the offline renderer made (its first blocks waiting for it), equals it too (24 s of speech in a 5.5 s canyon)', async () => {
    const [speech, ir] = await Promise.all([loadSample('speech-dry'), loadSample('ir-canyon-narrow')]);
    const x = new Float32Array(24 * SR);
    for (let i = 0; i < x.length; i++) x[i] = speech.getChannelData(0)[i % speech.length];
    const clip = bufferOf([x], SR);
    const s = settings(false, 0.4, 0.01);
    const [fast, reference] = await Promise.all([renderProcessedFast(clip, ir, s), renderProcessedByNodes(clip, ir, s)]);
    expect(fast.buffer.length).toBeGreaterThanOrEqual(2 ** 20); // long enough for the offline renderer's buffer
    const e = errorDb(fast.buffer, reference);
    console.info(`long render: ${e.toFixed(1)} dB`);
    expect(e).toBeLessThan(-90);
  });

  it('the peak and loudness measured in the workers are those of the rendered buffer (with silence after it when asked)', async () => {
    // 1.05 s of a 1 kHz sine at −20 dBFS, dry: blocks that straddle its end pass the gates.
    const sine = () =>
      Promise.resolve(bufferOf([Float32Array.from({ length: 1.05 * SR }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 1000 * i) / SR))], SR));
    for (const [name, clipOf, irOf, tail] of [
      ['pistol in a street', () => loadSample('ufoai-pistol'), () => loadSample('ir-antwerp-street'), 0], // stereo IR: two channels made
      ['speech in a canyon', () => loadSample('speech-dry'), () => loadSample('ir-canyon-narrow'), 0], // long: one channel in two parts
      ['a short sine, 0.4 s of silence after it', sine, () => Promise.resolve(null), 0.4], // as the lab measures a result
    ] as const) {
      const [clip, ir] = await Promise.all([clipOf(), irOf()]);
      const out = await renderProcessedFast(clip, ir, settings(false, 0.5, 0), 0, { loudnessTailSeconds: tail });
      const channels = channelsOf(out.buffer);
      expect(out.peak).toBe(samplePeak(channels));
      const expected = integratedLoudness(padTo(asHeardInStereo(channels), out.buffer.length + Math.round(tail * SR)), SR);
      console.info(`${name}: peak ${out.peak}, loudness ${out.loudness} (buffer: ${expected}) LUFS`);
      expect(out.loudness).not.toBeNull();
      expect(Math.abs(out.loudness! - expected)).toBeLessThan(1e-6);
      // The silence after it matters there: without it the figure would differ.
      if (tail) expect(Math.abs(integratedLoudness(asHeardInStereo(channels), SR) - expected)).toBeGreaterThan(0.01);
    }
  });

  it('with the reverb off (or 0 % wet) B is what the chain passes, to the bit, and silent after it', async () => {
    const [mono, stereo, ir] = await Promise.all([clips.mono(), clips.stereo(), irs.stereo()]);
    const reverbOff = settings(false, 0.5, 0.05);
    reverbOff.reverb.enabled = false;
    for (const clip of [mono, stereo]) {
      for (const s of [reverbOff, settings(false, 0, 0)]) {
        const [out, reference] = await Promise.all([renderProcessedFast(clip, ir, s), renderProcessedByNodes(clip, ir, s)]);
        expect(out.buffer.length).toBe(clip.length + ir.length);
        for (let c = 0; c < 2; c++) {
          const b = out.buffer.getChannelData(c);
          expect(b).toEqual(reference.getChannelData(c));
          // A mono clip comes out as itself; a stereo one too, but for the browser's down-mix of its last frames.
          if (clip === mono) expect(b.subarray(0, clip.length)).toEqual(clip.getChannelData(0));
          expect(b.subarray(clip.length).every((v) => v === 0)).toBe(true);
        }
      }
    }
  });

  it('a clip too short to gate has no loudness, and silence no peak', async () => {
    const out = await renderProcessedFast(
      new AudioBuffer({ length: 4800, numberOfChannels: 1, sampleRate: SR }),
      null,
      settings(false, 0.5, 0),
    );
    expect(out.loudness).toBeNull();
    expect(out.peak).toBe(0);
    expect(out.buffer.length).toBe(4800);
  });
});

describe('native compressor stage', () => {
  it('equals the Tone.js chain up to its reverb, to the bit (mono and stereo clip; gains of 1 left out; rendered longer)', async () => {
    const [pistol, gunshot] = await Promise.all([loadSample('ufoai-pistol'), loadSample('openclonk-gunshot')]);
    const n = Math.min(pistol.length, gunshot.length);
    const stereo = bufferOf([pistol.getChannelData(0).subarray(0, n), gunshot.getChannelData(0).subarray(0, n)], pistol.sampleRate);
    const s = defaultSettings('test-ir');
    const compressor = { enabled: true, threshold: -30, ratio: 6, attack: 0.01, release: 0.2, knee: 10 };
    // Makeup and compensation, then both 0 dB: gains of exactly 1, which the native graph leaves out.
    for (const [makeup, compensationDb] of [
      [4.5, -14.6],
      [0, 0],
    ]) {
      Object.assign(s.compressor, { ...compressor, makeup });
      for (const clip of [pistol, stereo]) {
        const skip = leadFrames(s, clip.sampleRate);
        // Rendered as long as the stage needs, and a second longer (B written over it): the graph is cut off after the stage.
        const stages = [
          await renderCompressorStage(clip, s, compensationDb),
          await renderCompressorStage(clip, s, compensationDb, undefined, clip.length + skip + SR),
        ];
        const { raw } = await renderChain(buildOfflineChain(clip, null, upToReverb(s), compensationDb, clip.numberOfChannels, clip.length));
        for (const stage of stages) {
          expect(stage.channelCount).toBe(clip.numberOfChannels);
          const ours = new Float32Array(clip.length);
          for (let c = 0; c < clip.numberOfChannels; c++) {
            expect(stage.read(c, 0, clip.length, ours)).toBe(clip.length);
            const tone = raw.getChannelData(c).subarray(skip, skip + clip.length);
            // Something was compressed: the stage is not the clip itself.
            expect(ours).not.toEqual(clip.getChannelData(c));
            expect(ours).toEqual(tone);
          }
        }
        expect(stages[1].rendered.length).toBe(clip.length + skip + SR);
      }
    }
  });
});

describe('what renders reuse', () => {
  it("B's buffer given back is written again by the next render of that size, to the same samples B written over its stage gets", async () => {
    const [clip, ir] = await Promise.all([clips.stereo(), irs.stereo()]);
    const first = await renderProcessedFast(clip, ir, settings(true, 0.3, 0), -14.6);
    recycleRendered(first.buffer);
    const again = await renderProcessedFast(clip, ir, settings(true, 0.7, 0.02), -14.6);
    expect(again.buffer).toBe(first.buffer);
    const fresh = await renderProcessedFast(clip, ir, settings(true, 0.7, 0.02), -14.6);
    expect(fresh.buffer).not.toBe(again.buffer);
    for (let c = 0; c < 2; c++) expect(again.buffer.getChannelData(c)).toEqual(fresh.buffer.getChannelData(c));
  });

  it('a warmed pool starts its workers once and uses both; a worker is sent an IR once, then renders from the spectra it keeps', async () => {
    let started = 0;
    const irBytes: number[] = [];
    const busy = new Set<number>(); // workers that got a task
    const pool = new RenderPool(2, () => {
      const index = started++;
      const worker = new Worker(new URL('../../src/render/render-worker.ts', import.meta.url), { type: 'module' });
      const post = worker.postMessage.bind(worker) as (message: unknown, transfer: Transferable[]) => void;
      worker.postMessage = ((message: WorkerRequest, transfer: Transferable[] = []) => {
        if (message.type === 'begin') {
          busy.add(index);
          irBytes.push(message.task.paths.reduce((n, p) => n + (p.ir?.byteLength ?? 0), 0));
        }
        post(message, transfer);
      }) as Worker['postMessage'];
      return worker;
    });
    try {
      pool.warm();
      expect(started).toBe(2);
      const [clip, ir] = await Promise.all([clips.stereo(), irs.stereo()]);
      const s = settings(false, 0.5, 0.01);
      const cold = await renderProcessedFast(clip, ir, s, 0, { pool });
      const sentCold = irBytes.splice(0);
      expect(busy.size).toBe(2); // one channel on each core
      const warm = await renderProcessedFast(clip, ir, s, 0, { pool });
      expect(sentCold.reduce((a, b) => a + b)).toBe(ir.length * 2 * Float32Array.BYTES_PER_ELEMENT); // each IR channel once
      expect(irBytes).toEqual([0, 0]); // nothing sent again: both tasks found their spectra
      for (let c = 0; c < 2; c++) expect(warm.buffer.getChannelData(c)).toEqual(cold.buffer.getChannelData(c));
      // The wet/dry slider moved: the same spectra serve (the wet gain is applied to their products).
      const wetter = settings(false, 0.8, 0.01);
      const [wet, wetReference] = await Promise.all([
        renderProcessedFast(clip, ir, wetter, 0, { pool }),
        renderProcessedByNodes(clip, ir, wetter),
      ]);
      expect(irBytes.splice(0)).toEqual([0, 0, 0, 0]);
      expect(errorDb(wet.buffer, wetReference)).toBeLessThan(-90);
      // Another pre-delay is another IR as applied: sent again, and the result is right.
      const other = settings(false, 0.5, 0.03);
      const [moved, reference] = await Promise.all([
        renderProcessedFast(clip, ir, other, 0, { pool }),
        renderProcessedByNodes(clip, ir, other),
      ]);
      expect(irBytes.reduce((a, b) => a + b)).toBe(ir.length * 2 * Float32Array.BYTES_PER_ELEMENT);
      expect(errorDb(moved.buffer, reference)).toBeLessThan(-90);
      expect(started).toBe(2);
    } finally {
      pool.dispose();
    }
  });
});

describe('progress and cancel', () => {
  /** 60 s of stereo noise bursts: long enough that a cancel lands mid-render. */
  function longClip(): AudioBuffer {
    const length = 60 * SR;
    const channels = [0, 1].map((c) => {
      const x = new Float32Array(length);
      let s = 17 + c;
      for (let i = 0; i < length; i++) {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        x[i] = (s / 2 ** 30 - 1) * 0.5 * Math.exp(-(i % SR) / 4000);
      }
      return x;
    });
    return bufferOf(channels, SR);
  }

  it('reports progress up to exactly 1, never going back', async () => {
    const [clip, ir] = await Promise.all([loadSample('speech-dry'), loadSample('ir-canyon-narrow')]);
    const seen: number[] = [];
    await renderProcessedFast(clip, ir, settings(true, 0.5, 0), 0, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('a cancelled render rejects with an AbortError, and the next render works', async () => {
    const ir = await loadSample('ir-antwerp-street');
    const controller = new AbortController();
    let last = 0;
    const cancelled = renderProcessedFast(longClip(), ir, settings(false, 0.5, 0), 0, {
      signal: controller.signal,
      onProgress: (f) => {
        last = f;
        if (f > 0.3) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBeLessThan(1);

    const clip = await loadSample('ufoai-pistol');
    const s = settings(true, 0.5, 0.05);
    const [fast, reference] = await Promise.all([renderProcessedFast(clip, ir, s, -14.6), renderProcessedByNodes(clip, ir, s, -14.6)]);
    expect(errorDb(fast.buffer, reference)).toBeLessThan(-90);
  });

  it("the compressor's render waits for a reader that lags: the stage holds about 27 s of a long clip at most, then goes on", async () => {
    const clip = longClip();
    const bound = 2 ** 20 + 2 ** 18 + 2 ** 17; // ahead limit + one check interval + a batch
    const stage = await streamCompressorStage(clip, settings(true, 0.5, 0), 0);
    // The reader stops: the render reaches the ahead limit, and in as long again it must not get further.
    const t0 = performance.now();
    await expect.poll(() => stage.heldFrames, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(2 ** 20);
    await new Promise((resolve) => setTimeout(resolve, performance.now() - t0));
    expect(stage.heldFrames).toBeLessThanOrEqual(bound);
    // The reader reads on: the render resumes and every frame arrives.
    const chunk = 2 ** 16;
    const into = new Float32Array(chunk);
    for (let frame = 0; frame < clip.length; frame += chunk) {
      await stage.whenReadable(frame + chunk);
      expect(stage.heldFrames).toBeLessThanOrEqual(bound);
      expect(stage.read(1, frame, frame + chunk, into)).toBe(Math.min(chunk, clip.length - frame));
      stage.release(frame + chunk);
    }
  });

  it('a signal aborted before the start rejects at once', async () => {
    const clip = await loadSample('ufoai-pistol');
    await expect(renderProcessedFast(clip, null, settings(true, 0.5, 0), 0, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
