/**
 * The file's own loudness figures as the lab measures them: every slot is measured with
 * the loudness matching's 0.4 s of silence after it (a clip shorter than a block still
 * gates), and that silence must not reach the figures that are the file's own — its
 * integrated loudness ("Integrated, file's own channels", what ffmpeg's ebur128 reads) and
 * its loudness range. Before, the 0.45 s snare read −16.0 LUFS against ffmpeg's −13.1.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureClip } from '../../src/analysis/measure';
import { xorshift } from '../shared/synthetic-room';
import { readManifest, readSample, samplesDir } from './samples-helpers';

/** What the lab measures each slot over (SlotWork.measure: withSilenceAfter(audio, 0.4)). */
const asTheLabMeasures = (channels: Float32Array[], sampleRate: number) =>
  measureClip(channels, sampleRate, { loudnessSpanSeconds: channels[0].length / sampleRate + 0.4 });

/** ffmpeg's integrated loudness of a file, or null when it gates nothing (it prints −70). */
function ffmpegIntegrated(file: string): number | null {
  const log = execFileSync('sh', ['-c', `ffmpeg -hide_banner -nostats -i '${file}' -af ebur128 -f null - 2>&1`], { encoding: 'utf8' });
  const value = Number(/I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary:')))?.[1]);
  return value <= -70 ? null : value;
}

describe("the file's own loudness is the file's, whatever silence the lab measures after it", { timeout: 60_000 }, () => {
  const clips = readManifest().samples.filter((s) => s.kind === 'clip');

  for (const clip of clips) {
    it(`${clip.file}: integrated loudness of its own channels within 0.2 LU of ffmpeg's ebur128`, () => {
      const wav = readSample(clip.id);
      const m = asTheLabMeasures(wav.channels, wav.sampleRate);
      const ffmpeg = ffmpegIntegrated(join(samplesDir, clip.file));
      if (ffmpeg === null) {
        expect(m.fileIntegratedLufs, 'ffmpeg gates nothing, neither may we').toBeNull();
        expect(m.missing.integrated_loudness_file).toBe('too short to gate (needs 0.4 s)');
      } else {
        expect(Math.abs(m.fileIntegratedLufs! - ffmpeg), `ours ${m.fileIntegratedLufs!.toFixed(2)}, ffmpeg ${ffmpeg}`).toBeLessThan(0.2);
      }
    });
  }

  it('the loudness range of 9 s with a level step is the same with or without silence after it', () => {
    const sampleRate = 44_100;
    const rnd = xorshift(7);
    const step = (i: number) => (i < 4.5 * sampleRate ? 0.03 : 0.3);
    const channels = [0, 1].map(() => Float32Array.from({ length: 9 * sampleRate }, (_, i) => step(i) * rnd()));
    const own = measureClip(channels, sampleRate);
    const lab = asTheLabMeasures(channels, sampleRate);
    expect(own.loudnessRangeLu).toBeGreaterThan(15);
    expect(lab.loudnessRangeLu).toBeCloseTo(own.loudnessRangeLu!, 9);
    expect(lab.fileIntegratedLufs).toBeCloseTo(own.fileIntegratedLufs!, 9);
    // As heard (the matching's figure), the silence after it still counts.
    expect(lab.integratedLufs).not.toBe(own.integratedLufs);
  });

  it('a 2.8 s clip has no range of its own (it needs 3 s), though 0.4 s of silence after it makes one 3 s window', () => {
    const sampleRate = 48_000;
    const rnd = xorshift(3);
    const clip = Float32Array.from({ length: 2.8 * sampleRate }, () => 0.2 * rnd());
    const lab = asTheLabMeasures([clip], sampleRate);
    expect(lab.loudnessRangeLu).toBeNull();
    expect(lab.missing.loudness_range).toBe('too short for a range (needs 3 s)');
    expect(lab.shortTermMaxLufs).not.toBeNull(); // as heard, over the span
  });
});
