/**
 * The bundled demo scenes (src/demo/scenes.json) resolved against the bundled samples.
 * A malformed file must not take the lab down with it: the error is returned for the
 * demo panel to show, and the rest of the lab works on.
 */
import scenesJson from './scenes.json';
import { findSample } from '../samples/catalog';
import { parseScenes, SceneFormatError, type Scene } from './scene-format';

import { SCENE_DEFAULT_IR_ID } from './scene-defaults';

export { SCENE_DEFAULT_IR_ID };

export interface LoadedScenes {
  scenes: Scene[];
  /** Why the file could not be used, in words a teacher can act on; null when it could. */
  error: string | null;
}

export function loadScenes(json: unknown, source = 'src/demo/scenes.json'): LoadedScenes {
  try {
    return { scenes: parseScenes(json, { lookup: findSample, defaultIrId: SCENE_DEFAULT_IR_ID }, source), error: null };
  } catch (err) {
    if (err instanceof SceneFormatError) return { scenes: [], error: err.message };
    throw err;
  }
}

export function loadBundledScenes(): LoadedScenes {
  return loadScenes(scenesJson);
}
