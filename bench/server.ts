/**
 * A small static file server for the bench: the built app under /app/, the built bench
 * page under /bench/, an empty page (the page-load baseline) and the long test clip.
 * Plain node:http, so every request is served the same way for figure and baseline.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

export const EMPTY_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>empty</title><link rel="icon" href="data:,"></head><body></body></html>';

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

/** `mounts`: URL prefix (like "/app/") → folder; `files`: exact URL path → file. */
export async function serve(mounts: Record<string, string>, files: Record<string, string>): Promise<BenchServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/empty.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(EMPTY_PAGE);
      return;
    }
    let file = files[path];
    if (!file) {
      const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
      if (prefix) {
        const root = mounts[prefix];
        const rel = path.slice(prefix.length) || 'index.html';
        const candidate = normalize(join(root, rel.endsWith('/') ? `${rel}index.html` : rel));
        if (candidate.startsWith(root + sep)) file = candidate;
      }
    }
    let size = -1;
    try {
      if (file) size = statSync(file).isFile() ? statSync(file).size : -1;
    } catch {
      size = -1;
    }
    if (!file || size < 0) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
