/**
 * The words for storage that is full. "Delete older recordings to make room" is advice
 * only when the user has something of their own stored here to delete; with nothing
 * stored, the space is taken by other data of this site or the browser limits it.
 */

/**
 * `what` was not saved (e.g. “take 3.wav”, or "the impulse response in use"); `stored`:
 * how many of the user's own samples this browser keeps that could be deleted.
 */
export function storageFullMessage(what: string, stored: number, plural = false): string {
  const stays = plural ? 'they stay' : 'it stays';
  const lead = `The browser's storage is full, so ${what} ${plural ? 'were' : 'was'} not saved: ${stays} until you reload.`;
  return stored > 0
    ? `${lead} Delete older recordings to make room (${stored === 1 ? 'one sample of yours is' : `${stored} samples of yours are`} kept here).`
    : `${lead} Nothing of yours is stored here to delete: the browser limits this site's storage (a private window?) or other data fills it.`;
}
