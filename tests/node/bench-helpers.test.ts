/** The bench's own arithmetic and bundle walk (bench/), checked on known inputs. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { pairedDifferences, pairedRatios, summarize } from '../../bench/stats';
import { initialJsSize } from '../../bench/bundle-size';

describe('bench statistics', () => {
  it('median of odd and even counts, with min and max, keeping the runs in order', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: [5, 1, 3] });
    expect(summarize([4, 1, 3, 10]).median).toBe(3.5);
    expect(() => summarize([])).toThrow();
  });

  it('pairs each run with the baseline run next to it', () => {
    expect(pairedRatios([2, 9, 4], [1, 3, 4]).runs).toEqual([2, 3, 1]);
    expect(pairedDifferences([2, 9, 4], [1, 3, 4]).median).toBe(1);
  });
});

describe('initial JavaScript of a build', () => {
  it('counts the entry script, modulepreloads and their static imports, not import() chunks', () => {
    const dist = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
    mkdirSync(join(dist, 'assets'));
    const files: Record<string, string> = {
      'assets/index.js': `import{a as b}from"./shared.js";import"./side.js";const lazy=()=>import("./lazy.js");console.log(b,lazy);`,
      'assets/shared.js': `export const a=${JSON.stringify('x'.repeat(500))};`,
      'assets/side.js': `export*from"./deep.js";`,
      'assets/deep.js': `export const d=1;`,
      'assets/preload.js': `export const p=2;`,
      'assets/lazy.js': `export const never=${JSON.stringify('y'.repeat(5000))};`,
    };
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dist, name), code);
    writeFileSync(
      join(dist, 'index.html'),
      '<script type="module" crossorigin src="./assets/index.js"></script><link rel="modulepreload" crossorigin href="./assets/preload.js">',
    );
    const size = initialJsSize(dist);
    const counted = ['assets/index.js', 'assets/preload.js', 'assets/shared.js', 'assets/side.js', 'assets/deep.js'];
    expect(size.files.map((f) => f.file).sort()).toEqual([...counted].sort());
    expect(size.bytes).toBe(counted.reduce((s, f) => s + Buffer.byteLength(files[f]), 0));
    expect(size.gzipBytes).toBe(counted.reduce((s, f) => s + gzipSync(files[f]).length, 0));
  });
});
