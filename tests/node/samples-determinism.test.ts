import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateSamples } from '../../scripts/samples/generate';
import { DEFAULT_SEED } from '../../scripts/samples/catalog';
import { samplesDir } from './samples-helpers';

// A subset that covers every generator (shot, canned processing, open-air and room IRs with
// noise tails, room tone) but leaves out the slow multi-second convolutions.
const SUBSET = [
  'gunshot-dry-pistol',
  'gunshot-dry-rifle',
  'gunshot-canned',
  'ir-diner',
  'ir-open-field',
  'ir-boulevard',
  'roomtone-street',
];

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('sample generator', () => {
  it('writes byte-identical files for the same seed, and the committed files are what it writes', () => {
    const a = mkdtempSync(join(tmpdir(), 'samples-a-'));
    const b = mkdtempSync(join(tmpdir(), 'samples-b-'));
    try {
      const first = generateSamples(a, DEFAULT_SEED, SUBSET);
      const second = generateSamples(b, DEFAULT_SEED, SUBSET);
      expect(first.map((p) => basename(p))).toEqual(SUBSET.map((id) => `${id}.wav`));
      for (let i = 0; i < first.length; i++) {
        const hash = sha256(first[i]);
        expect(sha256(second[i]), basename(first[i])).toBe(hash);
        expect(sha256(join(samplesDir, basename(first[i]))), `samples/${basename(first[i])} is stale: run npm run samples`).toBe(hash);
      }
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }, 30_000);

  it('another seed gives other noise (the seed really drives the output)', () => {
    const a = mkdtempSync(join(tmpdir(), 'samples-seed-'));
    try {
      const [other] = generateSamples(a, DEFAULT_SEED + 1, ['ir-diner']);
      expect(sha256(other)).not.toBe(sha256(join(samplesDir, 'ir-diner.wav')));
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });
});
