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

/** The page's answer to a read: frames [from, to) of every channel, or null when the request is no longer the newest. */
export interface MeasureBlock {
  type: 'block';
  ticket: number;
  channels: Float32Array[] | null;
}

export type MeasureResponse =
  | { type: 'read'; id: number; name: string; ticket: number; from: number; to: number }
  | { type: 'done'; id: number; results: Record<string, ClipMeasurements>; error?: string };

const ctx = self as unknown as { postMessage(m: MeasureResponse): void; onmessage: unknown };

let newest = 0;
let tickets = 0;
const waiting = new Map<number, (channels: Float32Array[] | null) => void>();

class Superseded extends Error {}

function reader(id: number, name: string) {
  return (from: number, to: number) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      if (id !== newest) return reject(new Superseded());
      const ticket = ++tickets;
      waiting.set(ticket, (channels) => (channels ? resolve(channels) : reject(new Superseded())));
      ctx.postMessage({ type: 'read', id, name, ticket, from, to });
    });
}

async function measure({ id, items }: MeasureRequest): Promise<void> {
  try {
    const results: Record<string, ClipMeasurements> = {};
    for (const item of items) results[item.name] = await measureStreamed(reader(id, item.name), item, item.options);
    ctx.postMessage({ type: 'done', id, results });
  } catch (err) {
    if (!(err instanceof Superseded)) ctx.postMessage({ type: 'done', id, results: {}, error: String(err) });
  }
}

ctx.onmessage = (event: MessageEvent<MeasureRequest | MeasureBlock>) => {
  const m = event.data;
  if (m.type === 'block') {
    waiting.get(m.ticket)?.(m.channels);
    waiting.delete(m.ticket);
    return;
  }
  newest = m.id;
  void measure(m);
};
