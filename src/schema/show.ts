/**
 * A value as messages quote it. Its own module, free of valibot: the start-up path (the
 * stored list of samples, read before the first waveform) quotes values too, and must not
 * pull the schema chunk into the entry chunk.
 */

/** Longest rendering of a value in a message: a stored list of slots is kilobytes, and the message must stay readable. */
const SHOWN_CHARS = 120;

/** JSON-ish rendering of a value for messages: "8" for a string, 1.5 for a number, NaN as NaN (JSON says null); cut at `max` characters. */
export function show(value: unknown, max = SHOWN_CHARS): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
