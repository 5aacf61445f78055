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
    if (err.code === 'ENOENT') throw new Error(`${cmd} is not installed: run scripts/ensure-test-tools.sh (Debian: apt-get install ${cmd})`);
    // ffmpeg prints its report on stderr and exits 0; sox stats too. Anything else is real.
    throw new Error(`${cmd} failed: ${err.stderr ?? e}`);
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
      // LRA needs 3 s windows: ffmpeg reports 0 for shorter clips, we report none.
      expect(Math.abs((ours.range ?? 0) - ff.lra)).toBeLessThanOrEqual(0.2);
    });
  }
});
