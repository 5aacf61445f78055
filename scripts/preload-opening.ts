/**
 * The clip the lab opens with, fetched from the page's first bytes (a `<link rel="preload">`
 * in the built index.html) instead of once the entry chunk has loaded and run (~300 ms later
 * here): the first waveform waits for it (bench figure 2: decoded ~80 ms sooner in two paired
 * runs). Preloading the session restore's chunks as well made it later: their compiling held
 * up the entry chunk's. A page that opens on another clip (a restored session, a shared link)
 * leaves the clip's 200 KB unused.
 */
import type { Plugin } from 'vite';

export function preloadOpening(clipFile: string): Plugin {
  return {
    name: 'canyon-preload-opening',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (ctx.path !== '/index.html') return []; // the lab's page, not the bench's
        const clip = Object.values(ctx.bundle ?? {}).find(
          (o) => o.type === 'asset' && o.originalFileNames.some((n) => n.endsWith(`samples/${clipFile}`)),
        );
        if (!clip) throw new Error(`the opening clip samples/${clipFile} is not in the build`);
        // crossorigin: the app's fetch() is in CORS mode; without it the preload would not be used.
        return [{ tag: 'link', attrs: { rel: 'preload', href: `./${clip.fileName}`, as: 'fetch', crossorigin: '' }, injectTo: 'head' }];
      },
    },
  };
}
