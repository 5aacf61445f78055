/**
 * BS.1770's channel weights on files of 3 to 8 channels, against ffmpeg's ebur128 on the same
 * bytes: each channel in turn carries the noise, so a wrong weight (1.0 for a surround, an LFE
 * counted) moves the figure by 1.5 dB or to silence. The files are written by the lab's own WAV
 * encoder, which gives no speaker mask (as most multichannel WAVs people bring), so ffmpeg takes
 * the layout its channel count implies, and so must we.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureClip } from '../../src/analysis/measure';
import { encodeWav } from '../../src/codec/wav';
import { xorshift } from '../shared/synthetic-room';

const dir = mkdtempSync(join(tmpdir(), 'canyon-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ffmpegIntegrated(file: string): number | null {
  const log = execFileSync('sh', ['-c', `ffmpeg -hide_banner -nostats -i '${file}' -af ebur128 -f null - 2>&1`], { encoding: 'utf8' });
  const value = Number(/I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary:')))?.[1]);
  return value <= -70 ? null : value;
}

describe('channel weights of multichannel files agree with ffmpeg', { timeout: 60_000 }, () => {
  const sampleRate = 48_000;
  const rnd = xorshift(11);
  const noise = Float32Array.from({ length: 4 * sampleRate }, () => 0.2 * rnd());

  for (let count = 3; count <= 8; count++) {
    it(`${count} channels, each alone`, () => {
      for (let active = 0; active < count; active++) {
        const channels = Array.from({ length: count }, (_, c) => (c === active ? noise : new Float32Array(noise.length)));
        const file = join(dir, `${count}-${active}.wav`);
        writeFileSync(file, encodeWav({ sampleRate, channels }, 'float32'));
        const ours = measureClip(channels, sampleRate).fileIntegratedLufs;
        const theirs = ffmpegIntegrated(file);
        const where = `channel ${active + 1} of ${count}: ours ${ours?.toFixed(2)}, ffmpeg ${theirs}`;
        if (theirs === null) expect(ours, where).toBeNull();
        else expect(Math.abs(ours! - theirs), where).toBeLessThan(0.1);
      }
    });
  }
});
