/**
 * The bench's own pages (bench/index.html, bench/floor.html) built with the app's Vite
 * config, without its service worker (the PWA plugin's precache step was half the build).
 */
import { join, resolve } from 'node:path';
import { build } from 'vite';
import appConfig from '../vite.config';

const repo = resolve(import.meta.dirname, '..');

/** `pages`: entry name → HTML file under bench/, e.g. `{ bench: 'index.html' }`. */
export async function buildBenchPages(outDir: string, pages: Record<string, string>, options: { minify?: boolean } = {}): Promise<void> {
  await build({
    ...appConfig,
    configFile: false,
    root: repo,
    logLevel: 'warn',
    plugins: [appConfig.plugins ?? []].flat(2).filter((p) => !(p && 'name' in p && p.name.startsWith('vite-plugin-pwa'))),
    build: {
      ...appConfig.build,
      ...(options.minify === false ? { minify: false } : {}),
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: Object.fromEntries(Object.entries(pages).map(([name, file]) => [name, join(repo, 'bench', file)])) },
    },
  });
}
