/** Words for what the microphone (getUserMedia / MediaRecorder) can refuse. */
export function microphoneProblem(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (typeof navigator === 'undefined' || !navigator.mediaDevices) return 'The microphone needs a secure page (https or localhost).';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Microphone access was denied. Allow it for this page in the browser’s site settings, then try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No microphone was found. Plug one in (or enable it) and try again.';
  if (name === 'NotReadableError') return 'The microphone is busy or blocked by the system (another app may be using it).';
  return `The microphone could not be started (${name || String(err)}).`;
}

/**
 * Ask for the microphone once ourselves and let it go again. wavesurfer's Record plugin
 * rewraps getUserMedia's error as a plain Error and so loses its name (NotAllowedError,
 * NotFoundError…), which is what microphoneProblem needs to tell the user what to do.
 */
export async function probeMicrophone(constraints: MediaTrackConstraints): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: constraints });
  stream.getTracks().forEach((t) => t.stop());
}
