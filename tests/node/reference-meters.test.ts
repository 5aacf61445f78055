/**
 * Cross-check against independent, widely trusted implementations on every bundled
 * sample: ffmpeg's ebur128 filter (integrated loudness, LRA) and `sox stats` (peak,
 * RMS, crest factor). The binaries are required: CI installs them, and a missing one
 * fails here with a message rather than skipping.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crestFactorDb, rms, samplePeak, toDb } from '../../src/analysis/levels';
import { loudness } from '../../src/analysis/loudness';
import type { SampleManifest } from '../../src/samples/manifest';

const SAMPLES = join(__dirname, '../../samples');
const manifest = JSON.parse(readFileSync(join(SAMPLES, 'manifest.json'), 'utf8')) as SampleManifest;

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; stdout?: string };
    if (err.code === 'ENOENT')
      throw new Error(`${cmd} is not installed: run scripts/ensure-test-tools.sh (Debian: apt-get install ${cmd})`, { cause: e });
    // ffmpeg prints its report on stderr and exits 0; sox stats too. Anything else is real.
    throw new Error(`${cmd} failed: ${err.stderr ?? String(e)}`, { cause: e });
  }
}

/** Decode with sox to 32-bit float, split into channels (sox is the decoder; we test the meters). */
function decode(file: string, channels: number): Float32Array[] {
  const raw = execFileSync('sox', [file, '-t', 'f32', '-e', 'floating-point', '-'], { maxBuffer: 1 << 30 });
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const frames = all.length / channels;
  return Array.from({ length: channels }, (_, c) => Float32Array.from({ length: frames }, (_, i) => all[i * channels + c]));
}

function ffmpegEbur128(file: string): { integrated: number; lra: number } {
  const log = run('sh', ['-c', `ffmpeg -hide_banner -nostats -i '${file}' -af ebur128 -f null - 2>&1`]);
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
  const lra = Number(/LRA:\s+(-?[\d.]+) LU/.exec(summary)?.[1]);
  return { integrated, lra };
}

/**
 * ffmpeg's af_ebur128 LRA from a short-term loudness series: values at or above −70 LUFS
 * and the −20 LU relative gate are kept; with n kept values the low end is the
 * ⌊0.10·n + ½⌋-th smallest (the gate itself when that is 0, i.e. n < 5) and the high end
 * the ⌊0.95·n + ½⌋-th smallest. Tech 3342 takes ranks round((n − 1)·p) + 1 instead.
 */
function ffmpegRange(shortTerm: Float64Array): number {
  const absolute = [...shortTerm].filter((l) => l >= -70);
  if (absolute.length === 0) return 0;
  const meanEnergy = absolute.reduce((a, l) => a + 10 ** (l / 10), 0) / absolute.length;
  const gate = 10 * Math.log10(meanEnergy) - 20;
  const kept = absolute.filter((l) => l >= gate).sort((a, b) => a - b);
  const lowRank = Math.floor(0.1 * kept.length + 0.5);
  const highRank = Math.floor(0.95 * kept.length + 0.5);
  const low = lowRank === 0 ? gate : kept[lowRank - 1];
  return kept[highRank - 1] - low;
}

function soxStats(file: string): { peakDb: number; rmsDb: number; crestDb: number } {
  const log = run('sh', ['-c', `sox '${file}' -n stats 2>&1`]);
  const first = (label: string) => Number(new RegExp(`^${label}\\s+(-?[\\d.]+)`, 'm').exec(log)?.[1]);
  return { peakDb: first('Pk lev dB'), rmsDb: first('RMS lev dB'), crestDb: 20 * Math.log10(first('Crest factor')) };
}

describe('our meters agree with ffmpeg ebur128 and sox stats on every bundled sample', () => {
  it('the reference tools are installed', () => {
    expect(run('sh', ['-c', 'ffmpeg -version 2>&1 | head -1'])).toMatch(/ffmpeg version/);
    expect(run('sh', ['-c', 'sox --version 2>&1'])).toMatch(/SoX/);
  });

  for (const entry of manifest.samples) {
    it(`${entry.file}`, () => {
      const file = join(SAMPLES, entry.file);
      const channels = decode(file, entry.channels);

      const sox = soxStats(file);
      expect(Math.abs(toDb(samplePeak(channels)) - sox.peakDb)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(toDb(rms(channels)) - sox.rmsDb)).toBeLessThanOrEqual(0.1);
      if (Number.isFinite(sox.crestDb)) expect(Math.abs(crestFactorDb(channels) - sox.crestDb)).toBeLessThanOrEqual(0.1);

      const ours = loudness(channels, 48_000);
      const ff = ffmpegEbur128(file);
      if (ff.integrated <= -70) {
        // ffmpeg prints −70 when no block passes the gates; so must we have nothing to report.
        expect(ours.integrated < -69.9 || ours.integrated === -Infinity).toBe(true);
      } else {
        expect(Math.abs(ours.integrated - ff.integrated)).toBeLessThanOrEqual(0.2);
      }
      // LRA: the short-term series and its gates must agree with ffmpeg's. Our range picks
      // the percentiles as EBU Tech 3342 does; ffmpeg ranks differently, so ffmpeg's
      // rule is applied to our series before comparing (see ffmpegRange). Our own rank
      // rule is checked against the EBU Tech 3342 test signals in loudness.test.ts.
      expect(Math.abs(ffmpegRange(ours.shortTerm) - ff.lra)).toBeLessThanOrEqual(0.2);
    });
  }
});
