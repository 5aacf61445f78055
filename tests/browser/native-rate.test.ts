/**
 * Measured at the file's own rate (issue 14): a 44.1 kHz rifle shot decoded with
 * `native`, measured by the app's measureClip, against `sox stats` on the same file
 * (ffmpeg's true peak is logged alongside). The 48 kHz copy is for playback only.
 */
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../src/audio/decode';
import { measureClip } from '../../src/analysis/measure';
import { encodeWav } from '../../src/codec/wav';
import { channelsOf } from './helpers';
import { makeFile, runOn, soxStat } from './reference-tools';

describe('a 44.1 kHz file is measured at 44.1 kHz', { timeout: 60_000 }, () => {
  it('sample peak within 0.05 dB of sox stats (the 48 kHz copy, which plays, is 0.1 dB or more off)', async () => {
    // A rifle's supersonic crack as a 44.1 kHz recorder keeps it: a burst of full-band
    // noise with a sharp onset, energy right up to 22 kHz (sox, 24-bit).
    const file = await makeFile(
      'sox',
      ['-R', '-n', '-r', '44100', '-b', '24', 'crack.wav', 'synth', '0.3', 'whitenoise', 'gain', '-6', 'fade', 'p', '0', '0.3', '0.28'],
      'crack.wav',
    );
    const soxPeak = await soxStat(file, 'crack.wav', 'Pk lev dB');
    const ebur = await runOn(
      'ffmpeg',
      ['-hide_banner', '-nostats', '-i', 'r.wav', '-af', 'ebur128=peak=true', '-f', 'null', '-'],
      file,
      'r.wav',
    );
    const ffmpegTruePeak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(ebur.slice(ebur.lastIndexOf('True peak:')))?.[1]);

    const decoded = await decodeAudio(file.slice().buffer, 'crack.wav', { native: true });
    expect(decoded.buffer.sampleRate).toBe(48_000);
    expect(decoded.native?.sampleRate).toBe(44_100);
    expect(decoded.notes).toContain('Resampled from 44.1 kHz to 48 kHz for playback; measured at its own 44.1 kHz.');
    const native = measureClip(decoded.native!.channels, decoded.native!.sampleRate);
    expect(Math.abs(native.samplePeakDbfs - soxPeak)).toBeLessThanOrEqual(0.05);

    // What the lab measured before: the 48 kHz copy, whose resampler moved the peaks.
    const resampled = measureClip(channelsOf(decoded.buffer), 48_000);
    expect(Math.abs(resampled.samplePeakDbfs - soxPeak)).toBeGreaterThan(0.1);
    console.log(
      `crack at 44.1 kHz: sox peak ${soxPeak} dB, native ${native.samplePeakDbfs.toFixed(3)}, 48 kHz copy ${resampled.samplePeakDbfs.toFixed(3)}; ` +
        `ffmpeg true peak ${ffmpegTruePeak}, native ${native.truePeakDbtp.toFixed(3)}, 48 kHz copy ${resampled.truePeakDbtp.toFixed(3)}`,
    );
    // Without `native` nothing extra is decoded or kept.
    expect((await decodeAudio(file.slice().buffer, 'crack.wav')).native).toBeUndefined();
  });
});

describe('files below 8 kHz are measured at their own rate too', { timeout: 60_000 }, () => {
  it('4, 5.512 and 7 kHz: the sample peak is the file’s own, not its 48 kHz copy’s', async () => {
    for (const rate of [4000, 5512, 7000]) {
      // Noise with one known loudest sample (−3 dBFS): what sox stats would read as the peak.
      let seed = rate;
      const noise = Float32Array.from(
        { length: 2 * rate },
        () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.4,
      );
      noise[rate] = 10 ** (-3 / 20);
      const file = encodeWav({ sampleRate: rate, channels: [noise] }, 'pcm16');
      const decoded = await decodeAudio(file.buffer, `r${rate}.wav`, { native: true });
      expect(decoded.native?.sampleRate, `${rate} Hz`).toBe(rate);
      expect(decoded.notes).toContain(`Resampled from ${rate / 1000} kHz to 48 kHz for playback; measured at its own ${rate / 1000} kHz.`);
      const m = measureClip(decoded.native!.channels, rate);
      expect(Math.abs(m.samplePeakDbfs + 3), `${rate} Hz: ${m.samplePeakDbfs}`).toBeLessThan(0.001);
      expect(m.fileIntegratedLufs).not.toBeNull();
    }
  });
});
