/** A file's SHA-256 off the main thread: the File comes by reference and is read here, so the page never copies its bytes. */
import { contentHash } from './duplicates';

self.onmessage = async (event: MessageEvent<Blob>) => {
  (self as unknown as Worker).postMessage(await contentHash(await event.data.arrayBuffer()));
};
