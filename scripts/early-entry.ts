/**
 * src/early-start.ts as an entry of its own, run before the app's entry chunk: in the built
 * page a `<script type="module">` for its chunk goes right before the app's, so it runs as
 * soon as its few KB have arrived, while the app's ~300 KB still arrive and compile (module
 * scripts run in document order; Vite would merge two scripts of index.html into one chunk).
 * The dev server gets the source file the same way.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const ENTRY = 'early-start';

export function earlyEntry(): Plugin {
  let root = process.cwd();
  return {
    name: 'canyon-early-entry',
    config(config, env) {
      root = resolve(config.root ?? process.cwd());
      const options = config.build?.rolldownOptions ?? config.build?.rollupOptions;
      // Only the lab's own build; a build that names its inputs (the bench pages) is left alone.
      if (env.command !== 'build' || options?.input) return;
      return {
        build: { rolldownOptions: { input: { index: resolve(root, 'index.html'), [ENTRY]: resolve(root, 'src/early-start.ts') } } },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.path !== '/index.html') return html; // the lab's page, not the bench's
        let src = '/src/early-start.ts';
        if (ctx.bundle) {
          const chunk = Object.values(ctx.bundle).find((o) => o.type === 'chunk' && o.isEntry && o.name === ENTRY);
          if (!chunk) throw new Error(`the ${ENTRY} chunk is not in the build`);
          src = `./${chunk.fileName}`;
        }
        const main = html.indexOf('<script type="module"');
        if (main < 0) throw new Error('index.html has no module script to put the early one before');
        return `${html.slice(0, main)}<script type="module" crossorigin src="${src}"></script>\n    ${html.slice(main)}`;
      },
    },
  };
}
