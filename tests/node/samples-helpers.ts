/** Shared by the samples-* tests: read bundled files and the manifest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, type DecodedWav } from '../../src/codec/wav';
import type { SampleEntry, SampleManifest } from '../../src/samples/manifest';

export const samplesDir = join(import.meta.dirname, '..', '..', 'samples');

export function readManifest(): SampleManifest {
  return JSON.parse(readFileSync(join(samplesDir, 'manifest.json'), 'utf8')) as SampleManifest;
}

export function entry(id: string): SampleEntry {
  const e = readManifest().samples.find((s) => s.id === id);
  if (!e) throw new Error(`manifest has no ${id}`);
  return e;
}

export function readSample(id: string): DecodedWav {
  return decodeWav(readFileSync(join(samplesDir, entry(id).file)));
}
