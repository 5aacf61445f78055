/**
 * Shape of `samples/manifest.json`: the single source of truth for every bundled file.
 * The app builds its pickers from it and a test checks it against the folder.
 */
export type SampleKind = 'clip' | 'impulse-response' | 'room-tone';

/** Made by this project's own deterministic generator. */
export interface GeneratedOrigin {
  type: 'generated';
  /** Script that writes the file, relative to the repo root. */
  script: string;
  seed: number;
  params: Record<string, unknown>;
}

/** Taken from a Debian or npm package whose license allows redistribution. */
export interface PackageOrigin {
  type: 'package';
  registry: 'debian' | 'npm';
  package: string;
  version: string;
  /** Path of the original file inside the package. */
  path: string;
  author: string;
  /** What we changed, e.g. "resampled to 48 kHz, 24-bit". */
  changes: string;
}

export interface SampleEntry {
  id: string;
  /** File name inside `samples/`. */
  file: string;
  title: string;
  /** One sentence on what the clip illustrates. */
  illustrates: string;
  kind: SampleKind;
  origin: GeneratedOrigin | PackageOrigin;
  /** SPDX identifier. */
  license: string;
  sampleRate: number;
  channels: number;
  /** Seconds. */
  duration: number;
  /** Sample peak, dBFS. */
  peakDb: number;
  /** Integrated loudness (BS.1770), LUFS; null where the clip is too short to gate. */
  loudnessLufs: number | null;
  /** Impulse responses from a model: the reverberation time (RT60, seconds) the model predicts. */
  targetRt60?: number;
}

export interface SampleManifest {
  version: 1;
  samples: SampleEntry[];
}
