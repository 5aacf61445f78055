/**
 * The shape the README's architecture section promises, checked on the source itself:
 * parts small enough to read, no import cycles, the state independent of the UI,
 * components that change state only through methods, one place for IndexedDB and the URL.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const sources = files(SRC).filter((f) => /\.(ts|svelte)$/.test(f));
const rel = (f: string) => relative(SRC, f);
const text = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]));
const lines = (f: string) => text.get(f)!.split('\n').length;

/** Relative imports of a file, resolved to files (type-only imports too: they are dependencies of the design). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const m of text.get(file)!.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    const base = resolve(dirname(file), spec);
    const target = [base, `${base}.ts`, join(base, 'index.ts')].find((c) => text.has(c));
    if (target) found.push(target);
  }
  return found;
}

describe('architecture', () => {
  it('no source file in src/ is over 400 lines, and the state root is under 250', () => {
    const long = sources.filter((f) => lines(f) > 400).map((f) => `${rel(f)}: ${lines(f)}`);
    expect(long).toEqual([]);
    expect(lines(join(SRC, 'state/lab.svelte.ts'))).toBeLessThan(250);
  });

  it('has no import cycles', () => {
    const graph = new Map(sources.map((f) => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map(rel).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of sources) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the state, the engine and the analysis free of UI code', () => {
    const offenders = sources
      .filter((f) => /^(state|audio|analysis|capture|codec|schema|demo|abx)\//.test(rel(f)))
      .flatMap((f) =>
        importsOf(f)
          .filter((g) => rel(g).startsWith('ui/') || g.endsWith('.svelte'))
          .map((g) => `${rel(f)} → ${rel(g)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('components change state only through methods: no assignment to, or binding of, a state field', () => {
    const parts = ['lab', 'comparison', 'transport', 'library', 'demo', 'notifications', 'engine', 'abx', 'capture', 'designer'];
    const field = `(?:${parts.join('|')})\\.[\\w.]+`;
    const assign = new RegExp(`(?<![=!<>])\\b${field}\\s*(?:[-+*/]?=)(?!=)`);
    const bind = new RegExp(`bind:\\w+=\\{${field}\\}`);
    const offenders = sources
      .filter((f) => f.endsWith('.svelte'))
      .flatMap((f) =>
        text
          .get(f)!
          .split('\n')
          .map((line, i) => [line, i + 1] as const)
          .filter(([line]) => assign.test(line) || bind.test(line))
          .map(([line, n]) => `${rel(f)}:${n}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('reads and writes IndexedDB and the page address in one file only', () => {
    const touches = sources
      .filter((f) => /from 'idb-keyval'|\blocation\.(hash|search|pathname)|history\.replaceState|indexedDB\./.test(text.get(f)!))
      .map(rel);
    expect(touches).toEqual(['state/session-store.ts']);
  });
});
