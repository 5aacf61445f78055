/** Projector mode's persisted preference. localStorage may be unavailable (privacy modes): then it is simply not remembered. */
export const PROJECTOR_CLASS = 'projector';
export const PROJECTOR_STORAGE_KEY = 'canyon-lab:projector';

export function readProjectorPreference(storage: Pick<Storage, 'getItem'> | null = safeStorage()): boolean {
  try {
    return storage?.getItem(PROJECTOR_STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function writeProjectorPreference(on: boolean, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(PROJECTOR_STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // not remembered: fine
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
