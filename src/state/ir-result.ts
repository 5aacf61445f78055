/**
 * An impulse response made in the lab (captured or designed) as the UI holds it, and what
 * the user can do with it: hear it in the reverb at once, save it with their own samples
 * (IndexedDB, listed in the IR picker), export it as a WAV file.
 */
import type { ClipMeasurements } from '../analysis/measure';
import { bufferOf, channelCopies } from '../audio/buffer-channels';
import { encodeWav } from '../codec/wav';
import type { IrMade, IrNotice } from '../capture/process';
import type { UserSampleKind } from './session-store';

/** Where an IR made in the lab goes: into the reverb, into the user's samples; and messages. */
export interface IrSink {
  useImpulseResponse(id: string, title: string, buffer: AudioBuffer): Promise<void>;
  addRecording(bytes: ArrayBuffer, name: string, kind: UserSampleKind): Promise<void>;
  notify(level: 'info' | 'warning' | 'error', text: string): void;
}

export type IrSource = 'sweep' | 'clap' | 'design';

export interface IrResult {
  source: IrSource;
  /** Shown and used as the saved file's name (without extension). */
  name: string;
  buffer: AudioBuffer;
  measurements: ClipMeasurements;
  notices: IrNotice[];
  details: Record<string, number | null>;
  /** No errors: the reverb can use it. */
  usable: boolean;
}

/** What is kept of a result across reloads (IndexedDB stores typed arrays as they are). */
export interface StoredIrResult extends Omit<IrResult, 'buffer'> {
  sampleRate: number;
  channels: Float32Array<ArrayBuffer>[];
}

export function resultOf(made: IrMade, source: IrSource, name: string): IrResult {
  return {
    source,
    name,
    buffer: bufferOf(made.channels, made.sampleRate),
    measurements: made.measurements,
    notices: made.notices,
    details: made.details,
    usable: !made.notices.some((n) => n.severity === 'error'),
  };
}

export function storable(result: IrResult): StoredIrResult {
  const { buffer, ...rest } = result;
  return { ...rest, sampleRate: buffer.sampleRate, channels: channelCopies(buffer) };
}

/** An IR's channels as IndexedDB gave them back, as a buffer; throws (in words) when a damaged record holds no channels. */
export function bufferFromStored(channels: unknown, sampleRate: number): AudioBuffer {
  if (!Array.isArray(channels) || !channels.length || !channels.every((c) => c instanceof Float32Array))
    throw new Error('its samples are not a list of channels');
  return bufferOf(channels, sampleRate);
}

export function fromStored(stored: StoredIrResult): IrResult {
  const { channels, sampleRate, ...rest } = stored;
  return { ...rest, buffer: bufferFromStored(channels, sampleRate) };
}

/** 32-bit float WAV: the IR exactly as the lab holds it (its tail lies far below 16-bit's floor). */
export function wavBytes(result: IrResult): Uint8Array<ArrayBuffer> {
  return encodeWav({ sampleRate: result.buffer.sampleRate, channels: channelCopies(result.buffer) }, 'float32');
}

/** A file name without characters that file systems refuse. */
export function fileNameOf(result: IrResult): string {
  return `${result.name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'impulse-response'}.wav`;
}

export async function useInReverb(lab: IrSink, id: string, result: IrResult): Promise<void> {
  await lab.useImpulseResponse(id, `${result.name} (unsaved)`, result.buffer);
}

/** Kept in IndexedDB with the user's samples; the lab then selects it as its IR. */
export async function saveToLab(lab: IrSink, result: IrResult): Promise<void> {
  await lab.addRecording(wavBytes(result).buffer, fileNameOf(result), 'impulse-response');
}

/** The WAV file of a result, to download (the UI does: src/ui/download.ts). */
export function wavFile(result: IrResult): { name: string; blob: Blob } {
  return { name: fileNameOf(result), blob: new Blob([wavBytes(result)], { type: 'audio/wav' }) };
}

/** "2025-03-01 14:05" for names of captures. */
export function stamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
