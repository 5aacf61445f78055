/**
 * The bundled samples as the app sees them: manifest entries joined with the URLs Vite
 * gives their files (hashed and relative in a build, so the site works from any folder).
 */
import manifestJson from '../../samples/manifest.json';
import type { SampleEntry, SampleKind, SampleManifest } from './manifest';
import { OPENING_CLIP_ID, OPENING_IR_ID } from './opening';

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

/** The lab's own clip or space: what it opens with, and what replaces a sample that can no longer be used. */
export function defaultSample(kind: 'clip' | 'impulse-response'): string {
  const entries = samplesOfKind(kind);
  const preferred = kind === 'clip' ? OPENING_CLIP_ID : OPENING_IR_ID;
  return entries.find((e) => e.id === preferred)?.id ?? entries[0]?.id ?? '';
}

/** A bundled sample that can play `role` (room tone plays as a clip). */
export function bundledAs(id: string, role: 'clip' | 'impulse-response'): boolean {
  const kind = findSample(id)?.kind;
  return kind !== undefined && (kind === 'impulse-response') === (role === 'impulse-response');
}
