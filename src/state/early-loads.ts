/**
 * What the first waveform waits for, started by the page's first script (src/early-start.ts)
 * while the app's entry chunk (~300 KB) is still arriving and compiling: the opening clips'
 * download, IndexedDB's open and the two reads the session restore needs. Started
 * from the entry chunk instead, their replies queued behind its ~170 ms evaluation (with
 * this and the resampler's table made on first use, the first waveform came ~100 ms
 * sooner in 10 paired loads; bench figure 2). The lab takes each over once
 * (LabState.restore, Library.decode); without this script (tests, a dev page) it does the
 * same work itself.
 */
import { fetchBytes } from '../audio/fetch-bytes';
import { bundledAs, defaultSample, findSample } from '../samples/catalog';
import type { SampleIndex } from './sample-index';
import { loadSession, loadUserSampleIndex, readAddress } from './session-store';
import { idsInAddress } from './url-state';

/** The bundled clips the page will most likely open with: those of a comparison shared in the address, else the default. */
export function openingClips(): string[] {
  const shared = idsInAddress(readAddress()).filter((id) => bundledAs(id, 'clip'));
  return shared.length ? shared : [defaultSample('clip')];
}

const downloads = new Map<string, Promise<ArrayBuffer>>();
let session: Promise<unknown> | undefined;
let userSamples: Promise<SampleIndex> | undefined;

export function startEarlyLoads(): void {
  for (const id of openingClips()) {
    const entry = findSample(id);
    if (!entry || downloads.has(id)) continue;
    const pending = fetchBytes(entry.url, entry.title);
    pending.catch(() => {}); // whoever takes it reports the failure
    downloads.set(id, pending);
  }
  session = loadSession();
  userSamples = loadUserSampleIndex();
}

/** Bundled clip `id`'s bytes as their download was started early, once; undefined when it was not. */
export function takeEarlyBytes(id: string): Promise<ArrayBuffer> | undefined {
  const pending = downloads.get(id);
  downloads.delete(id);
  return pending;
}

/** The stored session as read early (once), else read now. */
export function readSession(): Promise<unknown> {
  const early = session;
  session = undefined;
  return early ?? loadSession();
}

/** The user's samples as listed early (once), else listed now. */
export function readUserSamples(): Promise<SampleIndex> {
  const early = userSamples;
  userSamples = undefined;
  return early ?? loadUserSampleIndex();
}
