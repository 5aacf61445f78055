/**
 * `npm run samples [-- OUT_DIR [SEED]]`: writes every generated sample (scripts/samples/catalog.ts)
 * as a WAV file into OUT_DIR (default: samples/). Deterministic: the same seed gives
 * byte-identical files. The speech clip is made separately (speech-espeak.sh) and the manifest
 * by `npm run samples:manifest`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeWav } from '../../src/codec/wav';
import { DEFAULT_SEED, GENERATED, fileOf, renderSamples } from './catalog';

export function generateSamples(outDir: string, seed = DEFAULT_SEED, ids?: readonly string[]): string[] {
  mkdirSync(outDir, { recursive: true });
  const formats = new Map(GENERATED.map((s) => [s.id, s.format]));
  const written: string[] = [];
  for (const [id, audio] of renderSamples(seed, ids)) {
    const path = join(outDir, fileOf(id));
    writeFileSync(path, encodeWav(audio, formats.get(id)!));
    written.push(path);
  }
  return written;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('scripts', 'samples', 'generate.ts'));
if (invokedDirectly) {
  const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'samples'));
  const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : DEFAULT_SEED;
  const started = Date.now();
  const files = generateSamples(outDir, seed);
  console.log(`wrote ${files.length} files to ${outDir} (seed ${seed}) in ${Date.now() - started} ms`);
}
