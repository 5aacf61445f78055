/**
 * The bench's test files, written to a temporary folder (never the repo). The long clip
 * of figures 4, 6 and 8: 16-bit PCM stereo at the lab rate, gunshot-like bursts once a
 * second; a 10 s block is tiled with a slowly changing gain so the file is quick to write
 * yet not one loop. Figure 1's clip and IR: 32-bit float, shared with the peers.
 */
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { burstChannels } from './page/signals';
import { LAB_SAMPLE_RATE } from '../src/audio/constants';
import { encodeWav } from '../src/codec/wav';

const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;

function header(frames: number): Buffer {
  const dataBytes = frames * CHANNELS * BYTES_PER_SAMPLE;
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // PCM fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(CHANNELS, 22);
  h.writeUInt32LE(LAB_SAMPLE_RATE, 24);
  h.writeUInt32LE(LAB_SAMPLE_RATE * CHANNELS * BYTES_PER_SAMPLE, 28);
  h.writeUInt16LE(CHANNELS * BYTES_PER_SAMPLE, 32);
  h.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Write the clip unless a file of the right size is already there. Returns its byte size. */
export async function ensureLongWav(path: string, seconds: number): Promise<number> {
  const frames = Math.round(seconds * LAB_SAMPLE_RATE);
  const expectedBytes = 44 + frames * CHANNELS * BYTES_PER_SAMPLE;
  if (existsSync(path) && statSync(path).size === expectedBytes) return expectedBytes;
  const blockSeconds = Math.min(10, seconds);
  const block = burstChannels(blockSeconds, CHANNELS);
  const blockFrames = block[0].length;
  const out = createWriteStream(path);
  out.write(header(frames));
  for (let start = 0, tile = 0; start < frames; start += blockFrames, tile++) {
    const n = Math.min(blockFrames, frames - start);
    const gain = 0.6 + 0.4 * Math.sin(tile * 0.7); // varies per tile, stays below full scale
    const chunk = Buffer.alloc(n * CHANNELS * BYTES_PER_SAMPLE);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < CHANNELS; c++) {
        const v = Math.max(-1, Math.min(1, block[c][i] * gain));
        chunk.writeInt16LE(Math.round(v * 32767), (i * CHANNELS + c) * BYTES_PER_SAMPLE);
      }
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return expectedBytes;
}

/** Write channels as a 32-bit float WAV (exact: what the page decodes is what was written). */
export function writeFloatWav(path: string, channels: Float32Array[], sampleRate = LAB_SAMPLE_RATE): void {
  writeFileSync(path, encodeWav({ sampleRate, channels }, 'float32'));
}
