/**
 * Integrated loudness (ITU-R BS.1770 / EBU R 128) of a file, measured by ffmpeg's ebur128
 * filter — the trusted reference here until the project has its own meter; this is the one
 * call to swap when it does.
 */
import { spawnSync } from 'node:child_process';

/** LUFS rounded to 0.1, or null when no block passes the gates (ffmpeg reports −70 LUFS). */
export function integratedLoudnessLufs(path: string): number | null {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128', '-f', 'null', '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed on ${path}: ${run.stderr}`);
  const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
  const match = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary);
  if (!match) throw new Error(`no integrated loudness in ffmpeg's output for ${path}`);
  const lufs = Number(match[1]);
  return Number.isFinite(lufs) && lufs > -70 ? Math.round(lufs * 10) / 10 : null;
}
