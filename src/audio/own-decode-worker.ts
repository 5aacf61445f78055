/**
 * The lab's own decoders off the main thread (own-decode.ts): the file's bytes come in,
 * its channels at its own rate go back, with what bringing them to the lab rate takes
 * (resampled channels, or a float WAV for the browser's resampler), all transferred.
 */
import { decodeOwn, towardLabRate, type OwnDecodeResponse, type OwnDecoder } from './own-decode';

self.onmessage = (event: MessageEvent<{ bytes: ArrayBuffer; decoder: OwnDecoder }>) => {
  const post = (m: OwnDecodeResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
  try {
    const native = decodeOwn(new Uint8Array(event.data.bytes), event.data.decoder);
    const toward = towardLabRate(native);
    const buffers = new Set<ArrayBufferLike>(native.channels.map((c) => c.buffer));
    if (toward.kind === 'resampled') for (const c of toward.channels) buffers.add(c.buffer);
    if (toward.kind === 'wav') buffers.add(toward.wav.buffer);
    post({ ok: true, decoded: { native, toward } }, [...buffers] as ArrayBuffer[]);
  } catch (err) {
    post({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
