/**
 * `npm run samples:manifest`: rewrites samples/manifest.json. Keeps every real recording's
 * entry (adding the ones listed in REAL_ADDITIONS), adds one entry per generated sample
 * (catalog.ts) and the espeak-ng speech clip, then measures every file again: sample rate,
 * channels, duration and peak with our own WAV decoder and level code, integrated loudness
 * with ffmpeg. Not part of the byte-determinism check (it calls ffmpeg).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../../src/codec/wav';
import { samplePeak, toDb } from '../../src/analysis/levels';
import type { SampleEntry, SampleManifest } from '../../src/samples/manifest';
import { DEFAULT_SEED, GENERATED, GENERATOR_SCRIPT, fileOf } from './catalog';
import { integratedLoudnessLufs } from './loudness';

const root = join(import.meta.dirname, '..', '..');
const samplesDir = join(root, 'samples');
const manifestPath = join(samplesDir, 'manifest.json');

type Unmeasured = Omit<SampleEntry, 'sampleRate' | 'channels' | 'duration' | 'peakDb' | 'loudnessLufs'>;

/** Real recordings added through scripts/import-real-samples.sh since the first manifest. */
const REAL_ADDITIONS: Unmeasured[] = [
  {
    id: 'openclonk-gunshot',
    file: 'openclonk-gunshot.wav',
    title: 'Blunderbuss shot (game foley, real recording)',
    illustrates: 'A real recorded shot with its own short tail: a click, then a full-range blast — compare it with the synthetic dry shots.',
    kind: 'clip',
    origin: {
      type: 'package',
      registry: 'debian',
      package: 'openclonk-data',
      version: '8.1-3',
      path: 'Sound.ocg → Objects.ocg/Weapons.ocg/Blunderbuss.ocg/GunShoot1.ogg',
      author: 'Checkmaty',
      changes: 'decoded from Ogg Vorbis, resampled from 44.1 kHz to 48 kHz, 24-bit (scripts/import-real-samples.sh); 158 samples were already clipped in the original',
    },
    license: 'CC-BY-3.0',
  },
];

function speechEntry(): Unmeasured {
  const provenance = JSON.parse(readFileSync(join(import.meta.dirname, 'speech-dry.provenance.json'), 'utf8')) as Record<string, unknown>;
  return {
    id: 'speech-dry',
    file: 'speech-dry.wav',
    title: 'Dry speech (espeak-ng)',
    illustrates: 'A voice with no room on it: hear how each space and the compressor change speech, not just a shot.',
    kind: 'clip',
    // espeak-ng is deterministic and takes no seed.
    origin: { type: 'generated', script: 'scripts/samples/speech-espeak.sh', seed: 0, params: provenance },
    license: 'MIT',
  };
}

function generatedEntries(): Unmeasured[] {
  return GENERATED.map((s) => ({
    id: s.id,
    file: fileOf(s.id),
    title: s.title,
    illustrates: s.illustrates,
    kind: s.kind,
    origin: {
      type: 'generated',
      script: GENERATOR_SCRIPT,
      seed: DEFAULT_SEED,
      params: { wavFormat: s.format, seedOffset: s.seedOffset, ...s.params },
    },
    license: 'MIT',
    ...(s.targetRt60 !== undefined ? { targetRt60: s.targetRt60 } : {}),
  }));
}

function measure(entry: Unmeasured): SampleEntry {
  const path = join(samplesDir, entry.file);
  const wav = decodeWav(readFileSync(path));
  const { targetRt60, ...rest } = entry;
  return {
    ...rest,
    sampleRate: wav.sampleRate,
    channels: wav.channels.length,
    duration: Math.round((wav.channels[0].length / wav.sampleRate) * 1000) / 1000,
    peakDb: Math.round(toDb(samplePeak(wav.channels)) * 100) / 100 || 0,
    loudnessLufs: integratedLoudnessLufs(path),
    ...(targetRt60 !== undefined ? { targetRt60 } : {}),
  };
}

const previous = JSON.parse(readFileSync(manifestPath, 'utf8')) as SampleManifest;
const real: Unmeasured[] = previous.samples.filter((s) => s.origin.type === 'package');
for (const extra of REAL_ADDITIONS) if (!real.some((s) => s.id === extra.id)) real.push(extra);
const entries = [...real, ...generatedEntries(), speechEntry()].map(measure);
const manifest: SampleManifest = { version: 1, samples: entries };
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${entries.length} entries to ${manifestPath}`);
