/**
 * Everything the lab can play or use as a space: the bundled samples, the user's own
 * (files, recordings, saved captures, kept in IndexedDB) and IRs made in the lab and
 * not saved; the pickers' lists; importing files (read with progress, decoded, checked);
 * and the decode cache, so each sample is decoded once.
 */
import { channelViews } from '../audio/buffer-channels';
import { asAudioBuffer, CodedAudio, type ClipAudio } from '../audio/coded-audio';
import { AudioInputError, checkFile, decodeAudio, decodeFile } from '../audio/decode';
import { fetchBytes } from '../audio/fetch-bytes';
import type { NativeAudio } from '../audio/own-decode';
import { contentHash, duplicateNote, findDuplicate } from '../audio/duplicates';
import { hashFile } from '../audio/hash-file';
import { MAX_IR_SECONDS, validateImpulseResponse } from '../capture/validate';
import { trimToSeconds } from '../capture/shape';
import { encodeWav } from '../codec/wav';
import { defaultSample, findSample, samplesOfKind, type CatalogEntry } from '../samples/catalog';
import type { Notifications } from './notifications.svelte';
import { markStartup } from './first-waveform';
import { bufferFromStored } from './ir-result';
import { STORAGE_SILENT, unusableNote } from './sample-index';
import { readUserSamples, takeEarlyBytes } from './early-loads';
import {
  deleteUserSample,
  loadUserSample,
  loadValue,
  saveUserSample,
  saveUserSampleHash,
  saveValue,
  storageSilent,
  type UserSampleKind,
  type UserSampleMeta,
} from './session-store';

/** A file's SHA-256, read in a worker (or, where no worker can be made, from its bytes here). */
const hashOf = (file: Blob) => hashFile(file).catch(async () => contentHash(await file.arrayBuffer()));

/** One line of a clip or IR picker: a bundled sample or one the user brought. */
export interface PickerEntry {
  id: string;
  title: string;
  illustrates: string;
  license: string;
  user: boolean;
}

/** Ids of IRs made in the lab and not saved to the user's samples (`session:captured`, `session:designed`). */
const SESSION_ID_PREFIX = 'session:';
const USER_PREFIX = 'user:';
const sessionIrKey = (id: string) => `in-use:${id}`;

/** `keepLong`: an IR over the lab's limit is kept (the user said so); `whole`: decode.ts's, for the last file (it goes into the slot). */
export interface ImportOptions {
  keepLong?: boolean;
  whole?: boolean;
}
/** An unsaved IR in use, as kept in IndexedDB (typed arrays are stored as they are). */
interface StoredSessionIr {
  title: string;
  sampleRate: number;
  channels: Float32Array<ArrayBuffer>[];
}

const bundledEntry = (e: CatalogEntry): PickerEntry => ({
  id: e.id,
  title: e.title,
  illustrates: e.illustrates,
  license: e.license,
  user: false,
});
const userEntry = (m: UserSampleMeta): PickerEntry => ({
  id: m.id,
  title: `${m.name} (yours)`,
  illustrates: `Your ${m.kind === 'clip' ? 'clip' : 'impulse response'}, added ${new Date(m.addedAt).toLocaleString()}.`,
  license: 'yours',
  user: true,
});

export class Library {
  /** What the user brought (files, recordings, captured IRs), restored from IndexedDB. */
  userSamples = $state<UserSampleMeta[]>([]);
  /**
   * IRs made in the lab (captured, designed) and in use before or without saving. The one
   * in use is kept in IndexedDB too, so a reload comes back to the same reverb.
   */
  sessionIrs = $state<PickerEntry[]>([]);
  readonly clips: PickerEntry[] = $derived([
    ...samplesOfKind('clip').map(bundledEntry),
    ...this.userSamples.filter((m) => m.kind === 'clip').map(userEntry),
  ]);
  readonly impulseResponses: PickerEntry[] = $derived([
    ...samplesOfKind('impulse-response').map(bundledEntry),
    ...this.userSamples.filter((m) => m.kind === 'impulse-response').map(userEntry),
    ...this.sessionIrs,
  ]);
  /** What a sample is called in the pickers ("take 1.wav (yours)"), or its id when unknown. */
  titleOf(id: string): string {
    return [...this.clips, ...this.impulseResponses].find((e) => e.id === id)?.title ?? id;
  }

  /** A file being read and decoded: its name and how far reading got (0–1). */
  importing = $state<{ name: string; fraction: number } | null>(null);

  private readonly decoded = new Map<string, Promise<ClipAudio>>();
  /**
   * The user's clips at their own rate where it is not the lab's: the figures are measured
   * on these, unresampled (the browser's resampler moves peaks and cuts the top octave).
   */
  private readonly natives = new Map<string, NativeAudio>();

  constructor(private readonly notes: Notifications) {}

  /** Read the user's samples from IndexedDB. */
  async restore(): Promise<void> {
    const { samples, unusable } = await readUserSamples();
    this.userSamples = samples;
    const note = storageSilent() ? STORAGE_SILENT : unusableNote(unusable);
    if (note) this.notes.notify('warning', note);
  }

  /** Bring back the unsaved IR `inUseIrId` made in the lab and in use when the page was left; a damaged record is named, left out. */
  async restoreSessionIr(inUseIrId: string | undefined): Promise<void> {
    if (!inUseIrId?.startsWith(SESSION_ID_PREFIX)) return;
    const kept = await loadValue<StoredSessionIr>(sessionIrKey(inUseIrId));
    if (!kept) return;
    try {
      const buffer = bufferFromStored(kept.channels, kept.sampleRate);
      this.listSessionIr(inUseIrId, typeof kept.title === 'string' ? kept.title : inUseIrId, buffer);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.notes.notify('warning', `The impulse response you made and used last time could not be read back (${why}).`);
    }
  }

  /** A sample the lab can load: bundled, the user's, or made in this session. */
  known(id: string): boolean {
    return Boolean(findSample(id)) || this.userSamples.some((m) => m.id === id) || this.sessionIrs.some((e) => e.id === id);
  }

  /** Decode a sample once; later calls share the same promise. Failures are not cached (a retry may work). */
  decode(id: string): Promise<ClipAudio> {
    let pending = this.decoded.get(id);
    if (pending) return pending;
    this.notes.announcer.loading(this.titleOf(id));
    if (id.startsWith(USER_PREFIX)) {
      const meta = this.userSamples.find((m) => m.id === id);
      const role = meta?.kind ?? 'clip';
      const name = meta?.name ?? id;
      pending = loadUserSample(id).then(async (kept) => {
        if (!kept) throw new AudioInputError(`“${name}” is no longer in this browser's storage.`);
        const options = { consume: true, role, native: role === 'clip' };
        const d = kept instanceof Blob ? await decodeFile(new File([kept], name), options) : await decodeAudio(kept, name, options);
        if (d.native) this.natives.set(id, d.native);
        return d.buffer;
      });
    } else {
      const entry = findSample(id);
      if (!entry) return Promise.reject(new AudioInputError(`No bundled sample with id “${id}”.`));
      const bytes = takeEarlyBytes(id) ?? fetchBytes(entry.url, entry.title);
      pending = bytes.then((b) => decodeAudio(b, entry.title, { consume: true })).then((d) => d.buffer);
    }
    pending.then(() => markStartup(`decoded ${id}`)).catch(() => this.decoded.delete(id));
    this.decoded.set(id, pending);
    return pending;
  }

  /** The decoded sample `id`, or (saying why) the default of its kind, handed to `replace`; null when neither decodes. */
  async decodeOrDefault(id: string, kind: 'clip' | 'impulse-response', replace: (id: string) => void): Promise<ClipAudio | null> {
    try {
      return await this.decode(id);
    } catch (err) {
      this.notes.report(err);
      const fallback = defaultSample(kind);
      if (fallback === id) return null;
      this.notes.notify(
        'info',
        `${this.titleOf(id)} cannot be used any more: the lab's default ${kind === 'clip' ? 'clip' : 'space'} is back in its place.`,
      );
      replace(fallback);
      return this.decode(fallback).catch(() => null);
    }
  }

  /** A user's clip at its own rate, when that is not the lab's (measure this, not the resampled copy). */
  nativeOf(id: string): NativeAudio | undefined {
    return this.natives.get(id);
  }

  /**
   * Bring in the user's files: read (with progress), decode and check each, keep it in
   * IndexedDB. Problems are reported per file; the rest go on. Resolves to the id of the
   * last one added (the caller selects it), or null. Imports run one after another, in
   * the order asked: a file dropped twice in quick succession is found as a duplicate, and
   * the progress shown is the file being read.
   */
  addFiles(files: readonly File[], kind: UserSampleKind, options: ImportOptions = {}): Promise<string | null> {
    const run = this.imports.then(() => this.importNow(files, kind, options));
    this.imports = run.catch(() => null);
    return run;
  }

  private imports: Promise<unknown> = Promise.resolve();

  private async importNow(files: readonly File[], kind: UserSampleKind, options: ImportOptions): Promise<string | null> {
    let lastId: string | null = null;
    for (const file of files) {
      try {
        await checkFile(file, { role: kind });
        const progress = (fraction: number) => (this.importing = { name: file.name, fraction });
        const isIr = kind === 'impulse-response';
        // The bytes are not needed after decoding (IndexedDB keeps the File): decoded in place, no copy.
        const whole = !isIr && !!options.whole && file === files.at(-1);
        const decoding = { checkSamples: !isIr, role: kind, native: !isIr, consume: true, onProgress: progress, whole };
        const { buffer, notes, native } = await decodeFile(file, decoding);
        markStartup('import:decoded');
        // Hashed after decoding, not while (two reads of the file at once held both reads' chunks: figure 10's peak),
        // and only when a kept sample has as many bytes (duplicateOf): a file of a size not seen yet is never hashed.
        let hash: Promise<string> | undefined;
        const hashing = () => (hash ??= hashOf(file));
        // The same file again: use the copy already here rather than keep a second one (its decoding was in vain).
        const earlier = await this.duplicateOf(file, kind, hashing);
        if (earlier) {
          this.notes.notify('info', duplicateNote(file.name, earlier));
          lastId = earlier.id;
          continue;
        }
        if (isIr && !this.checkImpulseResponse(file, await asAudioBuffer(buffer), notes, options.keepLong ?? false)) continue;
        const meta: UserSampleMeta = {
          id: `${USER_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
          name: file.name,
          kind,
          addedAt: new Date().toISOString(),
          bytes: file.size,
          notes,
          ...(hash ? { hash: await hash } : {}),
        };
        this.decoded.set(meta.id, Promise.resolve(buffer));
        if (native) this.natives.set(meta.id, native);
        this.userSamples = [...this.userSamples, meta];
        for (const n of notes) this.notes.notify('info', n);
        lastId = meta.id;
        // Kept in IndexedDB while the clip is already in use: writing a long file takes seconds.
        this.keep(meta, file);
      } catch (err) {
        this.notes.report(err);
      } finally {
        this.importing = null;
      }
    }
    return lastId;
  }

  /** Names of the files being written to IndexedDB: a reload before they are written would lose them (the page asks first). */
  saving = $state<readonly string[]>([]);
  private readonly writes = new Map<string, Promise<unknown>>();

  /** Writes to IndexedDB one after another: each rewrites the list of samples, and two at once would lose one. */
  private storing: Promise<unknown> = Promise.resolve();
  private stored<T>(write: () => Promise<T>): Promise<T> {
    const next = this.storing.then(write);
    this.storing = next.catch(() => {});
    return next;
  }

  /**
   * The sample already here with the same bytes as `file`, if any. Only one of the very same
   * size can be: a file of a new size goes on at once, never hashed (hashing reads the whole
   * file in a worker: about 0.2 s for a 20 MB file, and a worker's memory while it runs).
   */
  private async duplicateOf(file: File, kind: UserSampleKind, hashing: () => Promise<string>): Promise<UserSampleMeta | undefined> {
    // A sample kept without its size (stored by an older version, say) may be the same too.
    const sameSize = () => this.userSamples.filter((m) => m.kind === kind && (typeof m.bytes !== 'number' || m.bytes === file.size));
    if (!sameSize().length) return undefined;
    const hash = await hashing();
    markStartup('import:hashed');
    // Listed again after the wait: an earlier file's hash may have been stored with it meanwhile.
    const known = await Promise.all(sameSize().map(async (m) => ({ ...m, hash: m.hash ?? (await this.hashOfKept(m.id)) })));
    return findDuplicate(hash, known);
  }

  /** A kept sample's hash, taken now from its file (this page's, else the one kept) and kept with it; undefined if it cannot be read. */
  private async hashOfKept(id: string): Promise<string | undefined> {
    const kept = this.files.get(id) ?? (await loadUserSample(id).catch(() => undefined));
    if (!kept) return undefined;
    const hash = await (kept instanceof Blob ? hashOf(kept) : contentHash(kept)).catch(() => undefined);
    if (!hash || !this.userSamples.some((m) => m.id === id)) return hash;
    this.userSamples = this.userSamples.map((m) => (m.id === id ? { ...m, hash } : m));
    // Not kept (storage full, say): the next same-size file hashes the kept bytes again.
    this.tracked(
      `${id}#hash`,
      this.stored(() => saveUserSampleHash(id, hash)).catch(() => {}),
    );
    return hash;
  }

  /** The files added in this page, by id: hashed from here if a same-size file comes (no IndexedDB read). */
  private readonly files = new Map<string, File>();

  private keep(meta: UserSampleMeta, file: File): void {
    this.saving = [...this.saving, meta.name];
    this.files.set(meta.id, file);
    // Written at once, with its hash if it was taken (a same-size sample was here).
    const written = this.stored(() => saveUserSample(meta, file))
      .then(() => this.readFromKept(meta.id))
      .catch((err) => this.notes.report(err))
      .finally(() => {
        const at = this.saving.indexOf(meta.name);
        this.saving = this.saving.filter((_, i) => i !== at);
      });
    this.tracked(meta.id, written);
  }

  /**
   * A clip read from its file as it is used (coded-audio.ts) reads from the copy kept in
   * IndexedDB once there is one: the file the user chose may be changed or deleted on disk.
   */
  private async readFromKept(id: string): Promise<void> {
    const [kept, audio] = await Promise.all([loadUserSample(id), this.decoded.get(id)]);
    if (kept instanceof Blob && audio instanceof CodedAudio) audio.moveTo(kept);
  }

  /** `write` counts for whenSaved until it settles. */
  private tracked(key: string, write: Promise<unknown>): void {
    const done = write.finally(() => this.writes.delete(key));
    this.writes.set(key, done);
  }

  /** Resolves once every file added so far is written to IndexedDB (or failed to be, and said so). */
  async whenSaved(): Promise<void> {
    while (this.writes.size) await Promise.all(this.writes.values());
  }

  /** Forget one of the user's samples, here and in IndexedDB. */
  async remove(id: string): Promise<void> {
    this.userSamples = this.userSamples.filter((m) => m.id !== id);
    this.decoded.delete(id);
    this.natives.delete(id);
    this.files.delete(id);
    // In turn with the writes: deleted after it is written, never before (it would come back).
    await this.stored(() => deleteUserSample(id)).catch((err) => this.notes.report(err));
  }

  /**
   * List an IR made in the lab as `title` until the page is left (the same `id` again
   * replaces it), and keep it in IndexedDB while it is in use, so a reload finds it.
   */
  async keepSessionIr(id: string, title: string, buffer: AudioBuffer): Promise<void> {
    this.listSessionIr(id, title, buffer);
    // IndexedDB stores a structured clone: the channels need no copy of their own here.
    const kept: StoredSessionIr = { title, sampleRate: buffer.sampleRate, channels: channelViews(buffer) };
    await saveValue(sessionIrKey(id), kept, 'the impulse response in use').catch((err: Error) => this.notes.notify('warning', err.message));
  }

  /** Set by the owner: what to do with a file the user chose to add after all (trim offer). */
  onAddedLater: (id: string, kind: UserSampleKind) => Promise<void> = async () => {};

  private listSessionIr(id: string, title: string, buffer: AudioBuffer): void {
    this.decoded.set(id, Promise.resolve(buffer));
    const entry: PickerEntry = {
      id,
      title,
      illustrates: 'Made in the lab and not saved to your samples: save it to keep it for good.',
      license: 'yours',
      user: false,
    };
    this.sessionIrs = [...this.sessionIrs.filter((e) => e.id !== id), entry];
  }

  /**
   * Run a user's impulse response through validateImpulseResponse: errors reject it
   * (thrown), warnings go with its notes. One longer than MAX_IR_SECONDS is held back
   * (false) with an offer to trim it or to use it as it is.
   */
  private checkImpulseResponse(file: File, buffer: AudioBuffer, notes: string[], keepLong: boolean): boolean {
    const { problems } = validateImpulseResponse(channelViews(buffer), buffer.sampleRate);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new AudioInputError(`“${file.name}”: ${errors.map((p) => p.message).join(' ')}`);
    const tooLong = keepLong ? undefined : problems.find((p) => p.offer === 'trim');
    notes.push(...problems.filter((p) => p.offer !== 'trim').map((p) => `“${file.name}”: ${p.message}`));
    if (!tooLong) return true;
    const base = file.name.replace(/\.[a-z0-9]+$/i, '');
    const addLater = async (f: File, keep: boolean) => {
      const id = await this.addFiles([f], 'impulse-response', { keepLong: keep });
      if (id) await this.onAddedLater(id, 'impulse-response');
    };
    this.notes.notify('warning', `“${file.name}”: ${tooLong.message}`, [
      {
        label: `Trim to ${MAX_IR_SECONDS} s`,
        run: () => {
          const trimmed = trimToSeconds(channelViews(buffer), buffer.sampleRate, MAX_IR_SECONDS);
          const wav = encodeWav({ sampleRate: buffer.sampleRate, channels: trimmed }, 'float32');
          return addLater(new File([wav], `${base} (first ${MAX_IR_SECONDS} s).wav`), false);
        },
      },
      { label: `Use all ${buffer.duration.toFixed(1)} s`, run: () => addLater(file, true) },
    ]);
    return false;
  }
}
