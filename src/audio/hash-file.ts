/**
 * A file's SHA-256 (hex) computed in a worker from the File itself. Hashing the bytes the
 * page has read copies them on the main thread first (digest takes a copy): on a film reel,
 * 230 MB of fresh memory, seconds of page faults on this VM. Started before the file is
 * read, it runs alongside the reading. A fresh worker per file, ended after.
 */
export function hashFile(file: Blob): Promise<string> {
  const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<string>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'The hashing worker failed.'));
    worker.postMessage(file);
  }).finally(() => worker.terminate());
}
