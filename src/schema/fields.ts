/**
 * Field schemas (valibot) that say, in words, what they accept: a description such as
 * "a number from 1 to 20 (:1)" is read back by conform() to tell a scene author or a
 * user exactly what was wrong. Numbers carry their range as metadata so a lenient parse
 * can clamp instead of dropping.
 */
import * as v from 'valibot';
import type { ParamRange } from '../audio/settings';

const unitText = (range: ParamRange) => (range.unit ? ` (${range.unit})` : '');

/** A finite number within `range` (inclusive). */
export function rangedNumber(range: ParamRange) {
  return v.pipe(
    v.number(),
    v.finite(),
    v.minValue(range.min),
    v.maxValue(range.max),
    v.description(`a number from ${range.min} to ${range.max}${unitText(range)}`),
    v.metadata({ range }),
  );
}

export function flag() {
  return v.pipe(v.boolean(), v.description('true or false'));
}

/** A non-empty string (an id, a title). */
export function text(what = 'a non-empty string') {
  return v.pipe(v.string(), v.nonEmpty(), v.description(what));
}

/** A list of `min` to `max` items, the limits kept as metadata for a lenient parse to cut or fill (conform). */
export function listOf<T extends v.GenericSchema>(item: T, min: number, max: number, what: string) {
  return v.pipe(v.array(item), v.minLength(min), v.maxLength(max), v.description(what), v.metadata({ length: { min, max } }));
}

/** The limits a listOf schema was made with, if `schema` is one. */
export function lengthOf(schema: v.GenericSchema): { min: number; max: number } | undefined {
  const meta = v.getMetadata(schema) as { length?: { min: number; max: number } } | undefined;
  return meta?.length;
}

/** The range a rangedNumber schema was made with, if `schema` is one. */
export function rangeOf(schema: v.GenericSchema): ParamRange | undefined {
  const meta = v.getMetadata(schema) as { range?: ParamRange } | undefined;
  return meta?.range;
}
