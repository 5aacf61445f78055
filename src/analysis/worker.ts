/**
 * Measurements off the main thread: the page names the clips, this worker measures each
 * one, asking the page for the samples range by range as it goes (measureStreamed), and
 * posts the figures back; a long analysis never freezes the page, and a long clip is
 * never copied whole. A newer request ends an older one at its next read.
 */
import type { ClipMeasurements, MeasureOptions } from './measure';
import { measureStreamed } from './measure-stream';

export interface MeasureRequest {
  type: 'measure';
  id: number;
  /** `sampleRate`: the clip's own (a file's native rate, or the lab rate); `options`: e.g. the loudness span. */
  items: { name: string; sampleRate: number; length: number; channelCount: number; options?: MeasureOptions }[];
}

/**
 * The page's answer to a read: frames [from, to) of every channel (in the spare buffers the
 * read brought, where given), or null when the request is no longer the newest; `spare`:
 * those it did not fill.
 */
export interface MeasureBlock {
  type: 'block';
  ticket: number;
  channels: Float32Array[] | null;
  spare: ArrayBuffer[];
}

/** `spare`: buffers of ranges this worker is done with, each large enough for the range asked, for the page to fill again. */
export type MeasureResponse =
  | { type: 'read'; id: number; name: string; ticket: number; from: number; to: number; spare: ArrayBuffer[] }
  | { type: 'done'; id: number; results: Record<string, ClipMeasurements>; error?: string };

const ctx = self as unknown as { postMessage(m: MeasureResponse, transfer?: Transferable[]): void; onmessage: unknown };

let newest = 0;
let tickets = 0;
const waiting = new Map<number, (channels: Float32Array[] | null) => void>();

/**
 * Buffers of ranges measured and released, sent back with the next reads: each range the
 * page sends is otherwise a fresh 0.25 MB a channel, two passes over the clip of garbage
 * that piled up here faster than the collector ran (bench figure 10). Emptied after each
 * request, so nothing is held between measurements.
 */
let spares: ArrayBuffer[] = [];
const MAX_SPARES = 16;

class Superseded extends Error {}

/** Up to `count` spares of at least `bytes`, taken from the pool. */
function takeSpares(count: number, bytes: number): ArrayBuffer[] {
  const taken: ArrayBuffer[] = [];
  spares = spares.filter((b) => (taken.length < count && b.byteLength >= bytes ? (taken.push(b), false) : true));
  return taken;
}

function keep(buffer: ArrayBufferLike): void {
  if (buffer instanceof ArrayBuffer && spares.length < MAX_SPARES && !spares.includes(buffer)) spares.push(buffer);
}

function release(channels: Float32Array[]): void {
  for (const c of channels) keep(c.buffer);
}

function reader(id: number, name: string, channelCount: number) {
  return (from: number, to: number) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      if (id !== newest) return reject(new Superseded());
      const ticket = ++tickets;
      waiting.set(ticket, (channels) => (channels ? resolve(channels) : reject(new Superseded())));
      const spare = takeSpares(channelCount, (to - from) * Float32Array.BYTES_PER_ELEMENT);
      ctx.postMessage({ type: 'read', id, name, ticket, from, to, spare }, spare);
    });
}

async function measure({ id, items }: MeasureRequest): Promise<void> {
  try {
    const results: Record<string, ClipMeasurements> = {};
    for (const item of items)
      results[item.name] = await measureStreamed(reader(id, item.name, item.channelCount), item, item.options, release);
    ctx.postMessage({ type: 'done', id, results });
  } catch (err) {
    if (!(err instanceof Superseded)) ctx.postMessage({ type: 'done', id, results: {}, error: String(err) });
  } finally {
    if (id === newest) spares = [];
  }
}

ctx.onmessage = (event: MessageEvent<MeasureRequest | MeasureBlock>) => {
  const m = event.data;
  if (m.type === 'block') {
    m.spare.forEach(keep);
    waiting.get(m.ticket)?.(m.channels);
    waiting.delete(m.ticket);
    return;
  }
  newest = m.id;
  void measure(m);
};
