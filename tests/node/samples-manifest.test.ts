import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../../src/codec/wav';
import { samplePeak, toDb } from '../../src/analysis/levels';
import { GENERATED } from '../../scripts/samples/catalog';
import { readManifest, samplesDir } from './samples-helpers';

const AUDIO = /\.(wav|flac|ogg|mp3)$/i;
const KINDS = ['clip', 'impulse-response', 'room-tone'];

describe('samples/manifest.json', () => {
  const manifest = readManifest();
  const files = readdirSync(samplesDir).filter((f) => AUDIO.test(f));

  it('lists every audio file in samples/ once, and nothing else', () => {
    const listed = manifest.samples.map((s) => s.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...files].sort());
    const ids = manifest.samples.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps the app's defaults and lists every generated sample and at least two real recordings", () => {
    const ids = manifest.samples.map((s) => s.id);
    for (const id of ['gm-gunshot-canned', 'ir-antwerp-street', 'speech-dry', ...GENERATED.map((g) => g.id)]) expect(ids).toContain(id);
    expect(manifest.samples.filter((s) => s.origin.type === 'package').length).toBeGreaterThanOrEqual(2);
  });

  for (const s of readManifest().samples) {
    it(`${s.id}: decodes, and its rate, channels, duration and peak are the file's`, () => {
      const wav = decodeWav(readFileSync(join(samplesDir, s.file)));
      expect(KINDS).toContain(s.kind);
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.illustrates.length).toBeGreaterThan(0);
      expect(s.license.length).toBeGreaterThan(0);
      expect(wav.sampleRate).toBe(s.sampleRate);
      expect(wav.sampleRate).toBe(48_000);
      expect(wav.channels.length).toBe(s.channels);
      expect(Math.abs(wav.channels[0].length / wav.sampleRate - s.duration)).toBeLessThanOrEqual(0.0005);
      expect(toDb(samplePeak(wav.channels))).toBeCloseTo(s.peakDb, 1);
      expect(s.loudnessLufs === null || (s.loudnessLufs < 0 && s.loudnessLufs > -70)).toBe(true);
      // 24-bit or float wherever the dynamics matter; 16-bit only for the deliberately cheap canned shot.
      if (s.id !== 'gunshot-canned') expect(wav.format).not.toBe('pcm16');
      if (s.kind === 'impulse-response' && s.origin.type === 'generated') expect(wav.format).toBe('float32');
    });
  }

  it('LICENSES.md credits every file', () => {
    const licenses = readFileSync(join(samplesDir, 'LICENSES.md'), 'utf8');
    for (const s of manifest.samples) expect(licenses, s.file).toContain(s.file);
  });

  it('all of samples/ stays under 20 MB', () => {
    const total = readdirSync(samplesDir).reduce((sum, f) => sum + statSync(join(samplesDir, f)).size, 0);
    expect(total).toBeLessThan(20 * 1024 * 1024);
  });
});
