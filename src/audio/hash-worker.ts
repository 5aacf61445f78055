/**
 * A file's SHA-256 off the main thread: the File comes by reference and is read here a chunk
 * at a time into one buffer, so neither the page nor this worker ever holds its bytes whole
 * (crypto.subtle.digest would want them whole, and copies them: twice the file).
 */
import { blobReader } from './blob-reader';
import { Sha256 } from './sha256';

const CHUNK = 1 << 20;

self.onmessage = async (event: MessageEvent<Blob>) => {
  const file = event.data;
  const sha = new Sha256();
  const bytes = blobReader(file, Math.min(CHUNK, file.size));
  try {
    for (let at = 0; at < file.size; at += CHUNK) sha.update(await bytes.next(Math.min(CHUNK, file.size - at)));
  } finally {
    bytes.close();
  }
  (self as unknown as Worker).postMessage(sha.hex());
};
