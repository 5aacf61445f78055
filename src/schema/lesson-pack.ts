/**
 * A lesson pack's manifest (manifest.json inside the zip): its format and version, the
 * teacher's scenes (a scenes file, checked by the scene parser), every sample of the
 * teacher's own the scenes use (a file inside the pack), the bundled samples referenced
 * by id, and the licence and provenance text. See docs/scenes.md.
 */
import * as v from 'valibot';
import { text } from './fields';

export const LESSON_PACK_FORMAT = 'canyon-lab-lesson-pack';
export const LESSON_PACK_VERSION = 1;

export const PackSampleSchema = v.strictObject({
  /** The id the pack's scenes use for it. */
  id: text('a sample id'),
  /** Its path inside the zip. */
  file: v.pipe(text('a path inside the pack'), v.regex(/^samples\/[^/]+$/, 'a file in samples/')),
  /** The file's name as the teacher added it. */
  name: text('a file name'),
  kind: v.picklist(['clip', 'impulse-response']),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const BundledRefSchema = v.strictObject({ id: text('a bundled sample id'), title: v.string(), license: v.string() });

export const LessonPackManifestSchema = v.strictObject({
  format: v.literal(LESSON_PACK_FORMAT),
  version: v.literal(LESSON_PACK_VERSION),
  createdAt: v.string(),
  /** The scenes file (version 2), as the lab keeps the teacher's scenes. */
  scenes: v.strictObject({ version: v.number(), scenes: v.pipe(v.array(v.record(v.string(), v.unknown())), v.minLength(1)) }),
  samples: v.array(PackSampleSchema),
  bundled: v.array(BundledRefSchema),
  /** Licence and provenance, also as LICENCE.txt in the pack. */
  licence: v.string(),
});

export type LessonPackManifest = v.InferOutput<typeof LessonPackManifestSchema>;
export type PackSample = v.InferOutput<typeof PackSampleSchema>;
