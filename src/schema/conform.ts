/**
 * Fit untrusted data to a schema, field by field, over a complete fallback. This is how
 * every way settings enter the lab is parsed — one schema, three policies:
 * - scenes (a teacher's file): every problem is reported and the file is refused
 *   (the caller throws on `problems`);
 * - the URL (hand-edited links): out-of-range numbers are clamped, anything else invalid
 *   falls back, silently — a link must never break the lab;
 * - IndexedDB (a session stored by an older or newer lab): what cannot be used falls
 *   back to its default and is reported, so the user hears that something was reset.
 * A missing field takes the fallback without a word: that is how older data gains new
 * fields (e.g. the reverb's pre-delay).
 */
import * as v from 'valibot';
import { lengthOf, rangeOf } from './fields';
import { show } from './show';

export interface Problem {
  /** Dotted path of the field, e.g. "settings.compressor.ratio". */
  path: string;
  /** 'clamped': brought into range (a number; a list cut or made up to its length), the message says how. */
  kind: 'unknown-key' | 'invalid' | 'clamped';
  /** The problem in words, starting with the path. */
  message: string;
}

export interface Conformed<T> {
  value: T;
  problems: Problem[];
}

export interface ConformOptions {
  /** Clamp out-of-range numbers into their range instead of falling back (the URL). */
  clamp?: boolean;
  /** Path of the data's root in messages (e.g. "settings"). */
  path?: string;
}

type ObjectLike = v.StrictObjectSchema<v.ObjectEntries, undefined> | v.ObjectSchema<v.ObjectEntries, undefined>;

/** A deep copy of plain data; unlike structuredClone it also copies a Svelte state proxy. */
function copy(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(copy);
  if (isRecord(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, copy(y)]));
  return x;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isObjectSchema = (s: v.GenericSchema): s is ObjectLike => s.type === 'strict_object' || s.type === 'object';
const isObjectList = (s: v.GenericSchema): s is v.GenericSchema & { item: ObjectLike } =>
  s.type === 'array' && isObjectSchema((s as unknown as { item: v.GenericSchema }).item);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function conform<T>(schema: ObjectLike, input: unknown, fallback: T, options: ConformOptions = {}): Conformed<T> {
  const problems: Problem[] = [];
  const value = fit(schema, input, fallback, options.path ?? '', options.clamp ?? false, problems) as T;
  // The walk only ever keeps values the schema accepted: a failure here is a bug in the fallback.
  v.parse(schema, value);
  return { value, problems };
}

function fit(schema: ObjectLike, input: unknown, fallback: unknown, path: string, clamp: boolean, problems: Problem[]): unknown {
  if (!isRecord(input)) {
    problems.push({ path, kind: 'invalid', message: `${path || 'the data'} must be an object, got ${show(input)}` });
    return copy(fallback);
  }
  const base = isRecord(fallback) ? fallback : {};
  const keys = Object.keys(schema.entries);
  for (const key of Object.keys(input)) {
    if (!keys.includes(key)) {
      const where = path ? `${path} has` : 'the data has';
      problems.push({
        path: join(path, key),
        kind: 'unknown-key',
        message: `${where} an unknown key "${key}" (expected one of ${keys.join(', ')})`,
      });
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = schema.entries[key];
    const at = join(path, key);
    if (!(key in input) || input[key] === undefined) {
      out[key] = copy(base[key]);
    } else if (isObjectSchema(entry)) {
      out[key] = fit(entry, input[key], base[key], at, clamp, problems);
    } else if (isObjectList(entry) && Array.isArray(input[key]) && Array.isArray(base[key])) {
      out[key] = fitList(entry, input[key], base[key], at, clamp, problems);
    } else {
      out[key] = fitLeaf(entry, input[key], base[key], at, clamp, problems);
    }
  }
  return out;
}

/**
 * A list of objects: each item fitted over the fallback's item at its place (or its last
 * one), then the list's own rules. A list longer than its limit keeps its first items and
 * a shorter one is made up from the fallback's, saying so: nine stored slots must not cost
 * the user all nine (and a fallback of the wrong length must not throw).
 */
function fitList(
  schema: v.GenericSchema & { item: ObjectLike },
  input: unknown[],
  fallback: unknown[],
  path: string,
  clamp: boolean,
  problems: Problem[],
): unknown {
  const at = (i: number) => fallback[Math.max(0, Math.min(i, fallback.length - 1))];
  const length = lengthOf(schema);
  let list = input;
  if (length && input.length > length.max) {
    problems.push({
      path,
      kind: 'clamped',
      message: `${path} has ${input.length} items, at most ${length.max} can be used: kept the first ${length.max}`,
    });
    list = input.slice(0, length.max);
  }
  const items = list.map((item, i) => fit(schema.item, item, at(i), `${path}[${i}]`, clamp, problems));
  if (length && items.length && items.length < length.min && fallback.length) {
    problems.push({
      path,
      kind: 'clamped',
      message: `${path} has ${items.length} items, at least ${length.min} are needed: made up from the defaults`,
    });
    for (let i = items.length; i < length.min; i++) items.push(copy(at(i)));
  }
  return fitLeaf(schema, items, fallback, path, clamp, problems);
}

function fitLeaf(schema: v.GenericSchema, value: unknown, fallback: unknown, path: string, clamp: boolean, problems: Problem[]): unknown {
  if (v.safeParse(schema, value).success) return value;
  const range = rangeOf(schema);
  const expected = v.getDescription(schema) ?? 'something else';
  const message = `${path} must be ${expected}, got ${show(value)}`;
  if (clamp && range && typeof value === 'number' && Number.isFinite(value)) {
    problems.push({ path, kind: 'clamped', message });
    return Math.min(range.max, Math.max(range.min, value));
  }
  problems.push({ path, kind: 'invalid', message });
  return copy(fallback);
}
