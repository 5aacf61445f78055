/**
 * Figure 7: the JavaScript a first visit must download before the app runs — the module
 * scripts and modulepreloads in the built index.html plus whatever they import
 * statically — gzip-compressed with node:zlib at its default level 6 (what servers use
 * on the fly; level 9 saves about 1 %). Dynamic import() chunks are lazy and not counted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

const HTML_JS = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g;
/** `import"./x.js"` and `import{a}from"./x.js"`, not `import("./x.js")`. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const EXPORT_FROM = /\bexport\s*[\w$*{}\s,]*?from\s*["'](\.{1,2}\/[^"']+\.js)["']/g;

export function initialJsSize(distDir: string): BundleSize {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(HTML_JS)].map((m) => join(distDir, m[1]));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const re of [STATIC_IMPORT, EXPORT_FROM]) {
      for (const m of code.matchAll(re)) queue.push(join(dirname(file), m[1]));
    }
  }
  const files = [...seen].map((file) => {
    const content = readFileSync(file);
    return { file: relative(distDir, file), bytes: content.length, gzipBytes: gzipSync(content).length };
  });
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };
}
