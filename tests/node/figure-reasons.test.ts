/**
 * Figures that say why they are missing, or what to mind (issue 16): loudness of clips
 * too short or too quiet for BS.1770's gates, a mono clip's two readings, the direct
 * sound at the first arrival, and decay times the decay does not support.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { measureClip } from '../../src/analysis/measure';
import { asHeardInStereo, integratedLoudness, padTo } from '../../src/analysis/loudness';
import { firstArrivalPeak, reverbFigures } from '../../src/analysis/reverb-metrics';
import { xorshift } from '../shared/synthetic-room';
import { entry, readSample, samplesDir } from './samples-helpers';

const SR = 48_000;

function noise(seconds: number, amplitude: number, seed = 1): Float32Array {
  const rnd = xorshift(seed);
  return Float32Array.from({ length: Math.round(seconds * SR) }, () => amplitude * rnd());
}

describe('loudness that cannot be gated says why', () => {
  it('a 0.22 s clap: too short to gate, and over the span B rings out, the one answer the Listening panel gives', () => {
    const clap = noise(0.22, 0.5);
    const m = measureClip([clap], SR);
    expect(m.integratedLufs).toBeNull();
    expect(m.missing.integrated_loudness).toBe('too short to gate (needs 0.4 s)');
    expect(m.missing.loudness_range).toBe('too short for a range (needs 3 s)');
    expect(m.missing.short_term_max).toBe('too short (needs 3 s)');
    // The lab's loudness matching measures A over B's length (clip + tail): the table can too.
    const spanned = measureClip([clap], SR, { loudnessSpanSeconds: 3 });
    const listening = integratedLoudness(padTo(asHeardInStereo([clap]), 3 * SR), SR);
    expect(spanned.integratedLufs).toBeCloseTo(listening, 9);
    expect(spanned.missing.integrated_loudness).toBeUndefined();
  });

  it('a 6 s clip at −90 dBFS is too quiet to gate, not too short', () => {
    const m = measureClip([noise(6, 10 ** (-90 / 20))], SR);
    expect(m.integratedLufs).toBeNull();
    expect(m.missing.integrated_loudness).toBe('too quiet to gate (below −70 LUFS)');
    expect(m.missing.loudness_range).toBe('too quiet to gate (below −70 LUFS)');
    expect(m.missing.plr).toBe('too quiet to gate (below −70 LUFS)');
  });
});

describe("a mono clip's loudness: as heard on two speakers, and the file's own", { timeout: 30_000 }, () => {
  it("the file's own reading matches ffmpeg's ebur128, the heard one is 3 LU above, and the table says so", () => {
    const id = 'location-pistol-canyon';
    const wav = readSample(id);
    expect(wav.channels.length).toBe(1);
    const m = measureClip(wav.channels, wav.sampleRate);
    const log = execFileSync(
      'sh',
      ['-c', `ffmpeg -hide_banner -nostats -i '${join(samplesDir, entry(id).file)}' -af ebur128 -f null - 2>&1`],
      {
        encoding: 'utf8',
      },
    );
    const ffmpeg = Number(/I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary:')))?.[1]);
    expect(Math.abs(m.fileIntegratedLufs! - ffmpeg)).toBeLessThan(0.2);
    expect(m.integratedLufs! - m.fileIntegratedLufs!).toBeCloseTo(3.01, 1);
    expect(m.caveats.integrated_loudness).toBe("a mono clip, measured as heard on two speakers: 3.0 LU above the file's own reading");
    const stereo = measureClip([wav.channels[0], wav.channels[0]], wav.sampleRate);
    expect(stereo.caveats.integrated_loudness).toBeUndefined();
    expect(stereo.fileIntegratedLufs).toBe(stereo.integratedLufs);
  });
});

describe('direct sound at the first arrival, which need not be the strongest', () => {
  /** A weak first arrival (a 5 ms pulse at 5 ms), the strongest arrival at 13 ms, then a diffuse tail. */
  function hallLike(): { ir: Float32Array; first: [number, number] } {
    const ir = new Float32Array(SR);
    const hann = (at: number, ms: number, amplitude: number) => {
      const n = Math.round((ms / 1000) * SR);
      const start = Math.round((at / 1000) * SR);
      for (let i = 0; i < n; i++) ir[start + i] += amplitude * Math.sin((Math.PI * i) / n) ** 2;
      return [start, start + n] as [number, number];
    };
    const first = hann(5, 5, 0.35);
    hann(13, 1, 1);
    const rnd = xorshift(5);
    for (let i = Math.round(0.015 * SR); i < ir.length; i++) ir[i] += 0.15 * rnd() * Math.exp(-(i / SR - 0.015) / 0.12);
    return { ir, first };
  }

  it('the DRR counts the whole first pulse as direct and the stronger later arrival as reverberant', () => {
    const { ir, first } = hallLike();
    let direct = 0;
    let rest = 0;
    for (let i = 0; i < ir.length; i++) {
      if (i >= first[0] && i < first[1]) direct += ir[i] ** 2;
      else rest += ir[i] ** 2;
    }
    expect(Math.abs(firstArrivalPeak([ir], SR) / SR - 0.0075)).toBeLessThan(0.0002); // the first pulse's peak
    expect(reverbFigures([ir], SR).drr).toBeCloseTo(10 * Math.log10(direct / rest), 1);
  });

  it('on the measured balloon-pop room IR the direct sound is the arrival at 4.5 ms, not the strongest at 17.9 ms', () => {
    const { channels, sampleRate } = readSample('ir-balloon-room');
    const peak = firstArrivalPeak(channels, sampleRate) / sampleRate;
    expect(peak).toBeGreaterThan(0.004);
    expect(peak).toBeLessThan(0.007);
  });
});

describe('decay times the decay does not support are hidden, with the reason', () => {
  /** Exponential decay (RT60 `rt`) from 20 ms over a steady noise floor `floorDb` below its start. */
  function room(rt: number, floorDb: number, seconds = 3): Float32Array {
    const rnd = xorshift(7);
    const floor = xorshift(8);
    return Float32Array.from({ length: seconds * SR }, (_, i) => {
      const t = i / SR - 0.02;
      return (t >= 0 ? 10 ** ((-3 * t) / rt) * rnd() : 0) + 10 ** (floorDb / 20) * floor();
    });
  }

  it('40 dB above the noise: T20 shown, T30 hidden (ISO 3382-1 needs 45 dB)', () => {
    const m = measureClip([room(1, -40)], SR, { bands: false });
    expect(m.t20.seconds).not.toBeNull();
    expect(m.t30.seconds).toBeNull();
    expect(m.missing.t30).toMatch(/^needs 45 dB of decay above the noise, has (39|40|41) dB$/);
    expect(m.t30.slopeDbPerSecond).not.toBeNull(); // the fit is still there to be drawn
  });

  it('60 dB above the noise: both shown, no caveat on a straight decay', () => {
    const m = measureClip([room(1, -60)], SR, { bands: false });
    expect(m.t30.seconds! / 1).toBeCloseTo(1, 1);
    expect(m.missing.t30).toBeUndefined();
    expect(m.caveats.t30).toBeUndefined();
  });

  it('the measured balloon-pop room: T20 shown with a word on its curved decay, T30 hidden (r = −0.89)', () => {
    const { channels, sampleRate } = readSample('ir-balloon-room');
    const m = measureClip(channels, sampleRate, { bands: false });
    expect(m.t20.seconds).not.toBeNull();
    expect(m.caveats.t20).toMatch(/^curved decay \(non-linearity \d+ ‰ > 10 ‰\): read with care$/);
    expect(m.t30.seconds).toBeNull();
    expect(m.missing.t30).toMatch(/^no straight decay to fit \(r = −?-?0\.\d\d\)$/);
  });

  it('the dry pistol shot (T30 fit r = −0.62): no T30 is given as if it were a reverb time', () => {
    for (const id of ['gunshot-dry-pistol']) {
      const { channels, sampleRate } = readSample(id);
      const m = measureClip(channels, sampleRate, { bands: false });
      expect(m.t30.seconds, id).toBeNull();
      expect(m.missing.t30, id).toBeDefined();
    }
  });
});
