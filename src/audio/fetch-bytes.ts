/**
 * A bundled file's bytes, with words for a failed fetch. Apart from decode.ts so that the
 * page's first script (src/early-start.ts) can start the opening clip's download without
 * the decoders' code.
 */
import { AudioInputError } from './input-error';

export async function fetchBytes(url: string, name: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new AudioInputError(`“${name}” could not be fetched.`);
  }
  if (!response.ok) throw new AudioInputError(`“${name}” could not be fetched (HTTP ${response.status}).`);
  return response.arrayBuffer();
}
