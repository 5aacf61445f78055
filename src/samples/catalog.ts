/**
 * The bundled samples as the app sees them: manifest entries joined with the URLs Vite
 * gives their files (hashed and relative in a build, so the site works from any folder).
 */
import manifestJson from '../../samples/manifest.json';
import type { SampleEntry, SampleKind, SampleManifest } from './manifest';

const fileUrls = import.meta.glob<string>('../../samples/*.{wav,flac,ogg,mp3}', {
  query: '?url',
  import: 'default',
  eager: true,
});

export interface CatalogEntry extends SampleEntry {
  url: string;
}

export const manifest = manifestJson as SampleManifest;

export const catalog: CatalogEntry[] = manifest.samples.map((entry) => {
  const url = fileUrls[`../../samples/${entry.file}`];
  if (!url) throw new Error(`samples/manifest.json lists ${entry.file}, but there is no such file in samples/`);
  return { ...entry, url };
});

export function samplesOfKind(kind: SampleKind): CatalogEntry[] {
  return catalog.filter((s) => s.kind === kind);
}

export function findSample(id: string): CatalogEntry | undefined {
  return catalog.find((s) => s.id === id);
}
