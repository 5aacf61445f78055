/**
 * Making and opening lesson packs (src/pack): the teacher's scenes with the original bytes
 * of their own clips and IRs; opening checks the whole pack and decodes every recording
 * in it before anything is stored, then adds (never replaces) the recordings, through the
 * library's import path, and the scenes, with names made unique. The zip code loads only
 * when a pack is made or opened.
 */
import { decodeAudio } from '../audio/decode';
import { findSample } from '../samples/catalog';
import type { Library } from './library.svelte';
import type { Notifications } from './notifications.svelte';
import type { OwnScenes } from './own-scenes.svelte';
import { loadUserSampleBytes } from './session-store';

export class LessonPacks {
  /** What is being done (making or opening a pack), for a polite live region; '' when idle. */
  busy = $state('');

  constructor(
    private readonly library: Library,
    private readonly own: OwnScenes,
    private readonly notes: Notifications,
  ) {}

  /** The teacher's scenes as a pack: its file name and bytes, or null with the reason reported. */
  async make(): Promise<{ name: string; bytes: Uint8Array } | null> {
    await this.own.restore();
    const kept = this.own.read.kept;
    if (!kept.length) {
      this.notes.notify('info', 'Save a scene first: a lesson pack holds your scenes.');
      return null;
    }
    this.busy = 'Making the lesson pack…';
    try {
      const used = new Set(
        kept.flatMap(({ scene }) => [
          ...scene.slots.flatMap((s) => [s.source ?? '', s.settings.reverb.irId]),
          scene.roomTone?.sampleId ?? '',
        ]),
      );
      const samples = [];
      for (const meta of this.library.userSamples.filter((m) => used.has(m.id))) {
        const bytes = await loadUserSampleBytes(meta.id);
        if (!bytes) throw new Error(`“${meta.name}” is no longer in this browser's storage.`);
        samples.push({ id: meta.id, name: meta.name, kind: meta.kind, bytes: new Uint8Array(bytes) });
      }
      const bundled = [...used].flatMap((id) => {
        const entry = findSample(id);
        return entry ? [{ id, title: entry.title, license: entry.license }] : [];
      });
      const { writeLessonPack } = await import('../pack/lesson-pack');
      const createdAt = new Date().toISOString();
      const bytes = writeLessonPack({ scenes: kept.map((k) => k.entry), samples, bundled, createdAt });
      return { name: `lesson-${createdAt.slice(0, 10)}.zip`, bytes };
    } catch (err) {
      this.notes.notify('error', `The lesson pack could not be made: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    } finally {
      this.busy = '';
    }
  }

  /**
   * Open a pack: check it all (size, zip, manifest, version, every file as any import,
   * the scenes), decode every recording, and only then add its recordings and scenes.
   * `reserved`: scene ids taken by the bundled scenes. Resolves to the number of scenes
   * added (0: nothing changed, the reason reported).
   */
  async open(file: File, reserved: ReadonlySet<string>): Promise<number> {
    this.busy = `Opening “${file.name}”…`;
    try {
      const { MAX_PACK_BYTES, LessonPackError, adoptScenes, openLessonPack, uniqueName } = await import('../pack/lesson-pack');
      if (file.size > MAX_PACK_BYTES)
        throw new LessonPackError(`“${file.name}” cannot be opened: it is more than ${MAX_PACK_BYTES / 2 ** 20} MB. Nothing was added.`);
      const opened = await openLessonPack(new Uint8Array(await file.arrayBuffer()), file.name, findSample);
      // Decoded before anything is stored: a recording the browser cannot read stops the whole pack.
      for (const s of opened.samples) {
        await decodeAudio(await s.file.arrayBuffer(), s.meta.name, { role: s.meta.kind, checkSamples: s.meta.kind === 'clip' }).catch(
          (err: unknown) => {
            const why = err instanceof Error ? err.message : String(err);
            throw new LessonPackError(`“${file.name}” cannot be opened: ${why} Nothing was added.`);
          },
        );
      }
      await this.own.restore();

      const names = new Set(this.library.userSamples.map((m) => m.name));
      const ids = new Map<string, string>();
      for (const s of opened.samples) {
        const name = uniqueName(s.meta.name, names);
        names.add(name);
        // The import path: checked, decoded, hashed (the same recording already here is reused), kept.
        const id = await this.library.addFiles([new File([s.file], name)], s.meta.kind, { keepLong: true });
        if (!id) throw new Error(`“${s.meta.name}” could not be kept in this browser (see the messages).`);
        ids.set(s.meta.id, id);
      }
      const adopted = adoptScenes(
        opened.manifest.scenes.scenes,
        ids,
        new Set([...reserved, ...this.own.entries.map((e) => String(e.id))]),
        new Set(this.own.entries.map((e) => String(e.title))),
      );
      if (!(await this.own.add(adopted))) return 0;
      const recordings = opened.samples.length ? ` and ${opened.samples.length} recording(s)` : '';
      this.notes.notify('info', `Opened “${file.name}”: ${adopted.length} scene(s)${recordings} added to your scenes.`);
      return adopted.length;
    } catch (err) {
      this.notes.notify('error', err instanceof Error ? err.message : String(err));
      return 0;
    } finally {
      this.busy = '';
    }
  }
}
