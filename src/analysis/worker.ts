/**
 * Measurements off the main thread: the page names the clips, this worker measures each
 * one, asking the page for the samples range by range as it goes (measureStreamed), and
 * posts each clip's figures back as soon as they are known; a long analysis never freezes
 * the page, and a long clip is never copied whole. A newer request replaces the queue, but
 * the clip being measured goes on when the newer request still wants it (its key is the
 * page's name for that audio and those options): when B lands while A is being measured,
 * A's work is not thrown away.
 */
import type { ClipMeasurements, MeasureOptions } from './measure';
import { BLOCK, measureStreamed, type ReadRange } from './measure-stream';
import { CodedAudio, rangeReader, type CodeFile } from '../audio/coded-audio';

export interface MeasureItem {
  /** The page's key for this audio and these options: the same key is the same figures. */
  key: string;
  /** `sampleRate`: the clip's own (a file's native rate, or the lab rate); `options`: e.g. the loudness span. */
  sampleRate: number;
  length: number;
  channelCount: number;
  options?: MeasureOptions;
  /** A clip kept in its file (coded-audio.ts): read here from the file, not asked of the page. */
  file?: CodeFile;
}

export interface MeasureRequest {
  type: 'measure';
  items: MeasureItem[];
}

/**
 * The page's answer to a read: frames [from, to) of every channel (in the spare buffers the
 * read brought, where given), or null when the clip is no longer wanted; `spare`: those it did not fill.
 */
export interface MeasureBlock {
  type: 'block';
  ticket: number;
  channels: Float32Array[] | null;
  spare: ArrayBuffer[];
}

/** `spare`: buffers of ranges this worker is done with, each large enough for the range asked, for the page to fill again. */
export type MeasureResponse =
  | { type: 'read'; key: string; ticket: number; from: number; to: number; spare: ArrayBuffer[] }
  | { type: 'result'; key: string; result?: ClipMeasurements; error?: string };

const ctx = self as unknown as { postMessage(m: MeasureResponse, transfer?: Transferable[]): void; onmessage: unknown };

let queue: MeasureItem[] = [];
let current: MeasureItem | null = null;
let tickets = 0;
const waiting = new Map<number, (channels: Float32Array[] | null) => void>();

/**
 * Buffers of ranges measured and released, sent back with the next reads: each range the
 * page sends is otherwise a fresh 0.25 MB a channel, two passes over the clip of garbage
 * that piled up here faster than the collector ran (bench figure 10), and fresh memory the
 * page's thread pays page faults for. Emptied once the queue is, so nothing is held between measurements.
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

function reader(key: string, channelCount: number) {
  return (from: number, to: number) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      const ticket = ++tickets;
      waiting.set(ticket, (channels) => (channels ? resolve(channels) : reject(new Superseded())));
      const spare = takeSpares(channelCount, (to - from) * Float32Array.BYTES_PER_ELEMENT);
      ctx.postMessage({ type: 'read', key, ticket, from, to, spare }, spare);
    });
}

/** Ranges of a clip's file, read here into spare buffers: the page does nothing for them. */
function fileReader(item: MeasureItem & { file: CodeFile }): { read: ReadRange; close(): void } {
  const codes = rangeReader(new CodedAudio(item.file, item.length, item.channelCount, item.sampleRate), BLOCK);
  return {
    read: (from, to) => {
      if (current?.key !== item.key) return Promise.reject(new Superseded());
      const frames = Math.max(0, Math.min(to, item.length) - from);
      const spare = takeSpares(item.channelCount, frames * Float32Array.BYTES_PER_ELEMENT);
      const into = Array.from({ length: item.channelCount }, (_, c) =>
        spare[c] ? new Float32Array(spare[c], 0, frames) : new Float32Array(frames),
      );
      return codes.read(from, to, into);
    },
    close: () => codes.close(),
  };
}

async function run(): Promise<void> {
  while (!current && queue.length) {
    const item = (current = queue.shift()!);
    const file = item.file ? fileReader({ ...item, file: item.file }) : null;
    try {
      const result = await measureStreamed(file?.read ?? reader(item.key, item.channelCount), item, item.options, release);
      ctx.postMessage({ type: 'result', key: item.key, result });
    } catch (err) {
      // A clip no longer wanted is dropped quietly; a real failure is said, for this clip only.
      if (!(err instanceof Superseded)) ctx.postMessage({ type: 'result', key: item.key, error: String(err) });
    } finally {
      file?.close();
      current = null;
    }
  }
  if (!current && !queue.length) spares = [];
}

ctx.onmessage = (event: MessageEvent<MeasureRequest | MeasureBlock>) => {
  const m = event.data;
  if (m.type === 'block') {
    m.spare.forEach(keep);
    waiting.get(m.ticket)?.(m.channels);
    waiting.delete(m.ticket);
    return;
  }
  // A clip read from its file that is no longer wanted stops at its next read (one the page reads stops at its answer).
  if (current?.file && !m.items.some((i) => i.key === current?.key)) current = { ...current, key: '' };
  queue = m.items.filter((i) => i.key !== current?.key);
  void run();
};
