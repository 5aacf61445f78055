/**
 * The same file added twice: found by a hash of its bytes (SHA-256, computed by the
 * browser off the main thread), whatever its name, so the note can name the copy that
 * came first. Pure apart from the hash: the lab keeps the hashes with its samples.
 */

/** Hex SHA-256 of the file's bytes. */
export async function contentHash(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Hashed {
  name: string;
  hash?: string;
}

/** The earlier sample with the same bytes, if any. */
export function findDuplicate<T extends Hashed>(hash: string, earlier: readonly T[]): T | undefined {
  return earlier.find((e) => e.hash === hash);
}

/** What to tell the user when `name` has the same bytes as `earlier` (which is used instead of a second copy). */
export function duplicateNote(name: string, earlier: Hashed): string {
  return name === earlier.name
    ? `“${name}” was added before: the copy already here is used.`
    : `“${name}” is the same file as “${earlier.name}”, added before: that one is used instead of a second copy.`;
}
