/**
 * Lesson packs: one zip (fflate) with a manifest (src/schema/lesson-pack.ts), the
 * teacher's scenes, the original bytes of every clip and IR of their own the scenes use,
 * and the licence and provenance text; bundled samples are referenced by id. Opening a
 * pack checks everything before anything is stored: size, the zip itself, the manifest
 * and its version, every file inside (the same checks as any imported file) and the
 * scenes (the same parser as any scenes file). This module loads only when a pack is made
 * or opened.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import * as v from 'valibot';
import { AudioInputError, checkFile } from '../audio/decode';
import { readOwnScenes, sceneId, scenesFile } from '../demo/own-scenes';
import type { SampleLookup } from '../demo/scene-format';
import type { Json } from '../demo/scene-fields';
import { SCENE_DEFAULT_IR_ID } from '../demo/scene-defaults';
import {
  LESSON_PACK_FORMAT,
  LESSON_PACK_VERSION,
  LessonPackManifestSchema,
  type LessonPackManifest,
  type PackSample,
} from '../schema/lesson-pack';

/** Largest pack opened (and made): a lesson's clips, not a sound library. */
export const MAX_PACK_BYTES = 200 * 2 ** 20;
const MANIFEST = 'manifest.json';
const LICENCE = 'LICENCE.txt';

export class LessonPackError extends Error {
  override name = 'LessonPackError';
}

export interface PackInput {
  scenes: readonly Json[];
  /** The teacher's own samples the scenes use, with their original bytes. */
  samples: readonly { id: string; name: string; kind: PackSample['kind']; bytes: Uint8Array }[];
  /** Bundled samples the scenes use, as the catalog names and licenses them. */
  bundled: readonly { id: string; title: string; license: string }[];
  createdAt: string;
}

/** Provenance and licence, in words a person reads (LICENCE.txt and the manifest). */
function licenceText(input: PackInput): string {
  return [
    `Canyon Lab lesson pack, made ${input.createdAt}.`,
    '',
    `Scenes (${input.scenes.length}): written by the teacher who made this pack.`,
    input.samples.length
      ? `The teacher's own recordings, as they added them (check you may share them before passing the pack on):\n${input.samples.map((s) => `- ${s.name} (${s.kind})`).join('\n')}`
      : "No recordings of the teacher's own.",
    input.bundled.length
      ? `Samples bundled with Canyon Lab, referenced by id (not in this pack):\n${input.bundled.map((b) => `- ${b.id}: ${b.title} — ${b.license}`).join('\n')}`
      : '',
  ].join('\n');
}

/** A file name safe inside a zip: no folders, nothing odd. */
const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(-80) || 'sample';

export function writeLessonPack(input: PackInput): Uint8Array {
  const samples = input.samples.map((s, i) => ({
    id: s.id,
    file: `samples/${i + 1}-${safeName(s.name)}`,
    name: s.name,
    kind: s.kind,
    bytes: s.bytes.byteLength,
  }));
  const licence = licenceText(input);
  const manifest: LessonPackManifest = {
    format: LESSON_PACK_FORMAT,
    version: LESSON_PACK_VERSION,
    createdAt: input.createdAt,
    scenes: scenesFile(input.scenes),
    samples,
    bundled: [...input.bundled],
    licence,
  };
  const files: Zippable = { [MANIFEST]: strToU8(JSON.stringify(manifest, null, 2)), [LICENCE]: strToU8(licence) };
  // Audio hardly compresses: stored, so making a pack is quick.
  input.samples.forEach((s, i) => (files[samples[i].file] = [s.bytes, { level: 0 }]));
  const zip = zipSync(files, { level: 6 });
  if (zip.byteLength > MAX_PACK_BYTES)
    throw new LessonPackError(
      `The pack would be ${mb(zip.byteLength)}: more than ${mb(MAX_PACK_BYTES)}. Use shorter clips or fewer scenes.`,
    );
  return zip;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`;

export interface OpenedPack {
  manifest: LessonPackManifest;
  /** The pack's samples as files, checked like any import, each with its manifest entry. */
  samples: { meta: PackSample; file: File }[];
}

/**
 * Read and check a pack; throws LessonPackError saying what is wrong. `bundled` looks up
 * the lab's own samples (the pack's scenes may use those by id).
 */
export async function openLessonPack(bytes: Uint8Array, name: string, bundled: SampleLookup): Promise<OpenedPack> {
  const refuse = (why: string) => new LessonPackError(`“${name}” cannot be opened: ${why}. Nothing was added.`);
  if (bytes.byteLength > MAX_PACK_BYTES) throw refuse(`it is ${mb(bytes.byteLength)}, more than a pack may be (${mb(MAX_PACK_BYTES)})`);
  let files: Record<string, Uint8Array>;
  try {
    let unpacked = 0;
    // Sizes from the zip's directory, before anything is inflated: a small zip cannot hide gigabytes.
    files = unzipSync(bytes, { filter: (f) => (unpacked += f.originalSize) <= MAX_PACK_BYTES });
    if (unpacked > MAX_PACK_BYTES) throw refuse(`it unpacks to more than ${mb(MAX_PACK_BYTES)}`);
  } catch (err) {
    if (err instanceof LessonPackError) throw err;
    throw refuse('it is not a zip file, or it is damaged or cut short');
  }
  if (!files[MANIFEST]) throw refuse(`it is a zip, but not a lesson pack (it has no ${MANIFEST})`);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(files[MANIFEST]));
  } catch {
    throw refuse(`its ${MANIFEST} is damaged`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  const version = (json as { version?: unknown } | null)?.version;
  if (format === LESSON_PACK_FORMAT && version !== LESSON_PACK_VERSION)
    throw refuse(`it is a lesson pack of version ${JSON.stringify(version)}; this lab reads version ${LESSON_PACK_VERSION}`);
  const parsed = v.safeParse(LessonPackManifestSchema, json);
  if (!parsed.success)
    throw refuse(
      `its manifest does not fit the format (${parsed.issues
        .slice(0, 3)
        .map((i) => `${v.getDotPath(i) ?? 'manifest'}: ${i.message}`)
        .join('; ')})`,
    );
  const manifest = parsed.output;

  const samples: OpenedPack['samples'] = [];
  for (const meta of manifest.samples) {
    const data = files[meta.file];
    if (!data || data.byteLength !== meta.bytes) throw refuse(`“${meta.file}” is missing or cut short`);
    const file = new File([data.slice().buffer], meta.name);
    try {
      await checkFile(file, { role: meta.kind });
    } catch (err) {
      if (err instanceof AudioInputError) throw refuse(`the file inside it ${err.message.replace(/\.$/, '')}`);
      throw err;
    }
    samples.push({ meta, file });
  }
  const kinds = new Map(manifest.samples.map((s) => [s.id, s.kind]));
  const lookup: SampleLookup = (id) => bundled(id) ?? (kinds.has(id) ? { kind: kinds.get(id)! } : undefined);
  const read = readOwnScenes(manifest.scenes.scenes, { lookup, defaultIrId: SCENE_DEFAULT_IR_ID });
  if (read.problems.length) throw refuse(`a scene in it does not fit the scene format:\n${read.problems.join('\n')}`);
  const missing = [...new Set(read.kept.flatMap((k) => k.scene.missingSamples))];
  if (missing.length) throw refuse(`its scenes use samples neither in the pack nor in this lab (${missing.join(', ')})`);
  return { manifest, samples };
}

/** `name`, or `name (2)`, `name (3)`… before the extension: one not in `taken`. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem} (${n})${ext}`;
  return candidate;
}

/**
 * The pack's scene entries ready to keep beside the user's own: sample ids as stored here
 * (`ids`), scene ids and titles made unique, nothing of theirs overwritten.
 */
export function adoptScenes(
  entries: readonly Json[],
  ids: ReadonlyMap<string, string>,
  takenIds: ReadonlySet<string>,
  takenTitles: ReadonlySet<string>,
): Json[] {
  const usedIds = new Set(takenIds);
  const usedTitles = new Set(takenTitles);
  const to = (ref: unknown) => (typeof ref === 'string' ? (ids.get(ref) ?? ref) : ref);
  return entries.map((entry) => {
    const copy = structuredClone(entry) as Json & { slots?: Json[]; roomTone?: Json };
    for (const slot of copy.slots ?? []) {
      if (slot.source !== undefined) slot.source = to(slot.source);
      const reverb = (slot.settings as { reverb?: Json } | undefined)?.reverb;
      if (reverb?.irId !== undefined) reverb.irId = to(reverb.irId);
    }
    if (copy.roomTone) copy.roomTone.sample = to(copy.roomTone.sample);
    const title = uniqueName(String(copy.title), usedTitles);
    usedTitles.add(title);
    copy.title = title;
    const id = sceneId(title, usedIds);
    usedIds.add(id);
    copy.id = id;
    return copy;
  });
}
