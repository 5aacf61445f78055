/**
 * sox and ffmpeg from browser tests, through the `runTool` command (scripts/reference-tools.ts,
 * run by Vitest in Node): real files from independent encoders, and reference readings.
 */
import { commands } from 'vitest/browser';

interface ToolRun {
  program: 'sox' | 'ffmpeg' | 'ffprobe';
  args: string[];
  files?: Record<string, string>;
  output?: string;
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    runTool: (run: ToolRun) => Promise<{ stdout: string; stderr: string; output?: string }>;
  }
}

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The file `output` that `program args` writes (e.g. sox or ffmpeg making a test signal). */
export async function makeFile(program: ToolRun['program'], args: string[], output: string): Promise<Uint8Array<ArrayBuffer>> {
  const result = await commands.runTool({ program, args, output });
  return fromBase64(result.output!);
}

/** The file `output` that `program args` writes from `bytes`, saved first as `name` (e.g. sox resampling a file). */
export async function convertFile(
  program: ToolRun['program'],
  args: string[],
  bytes: Uint8Array,
  name: string,
  output: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const result = await commands.runTool({ program, args, files: { [name]: toBase64(bytes) }, output });
  return fromBase64(result.output!);
}

/** What `program args` prints (stdout and stderr) when run on `bytes`, saved as `name`. */
export async function runOn(program: ToolRun['program'], args: string[], bytes: Uint8Array, name: string): Promise<string> {
  const result = await commands.runTool({ program, args, files: { [name]: toBase64(bytes) } });
  return result.stdout + result.stderr;
}

/** `sox FILE -n stats`: one figure (e.g. 'Pk lev dB') of the overall column. */
export async function soxStat(bytes: Uint8Array, name: string, figure: string): Promise<number> {
  const text = await runOn('sox', [name, '-n', 'stats'], bytes, name);
  const line = text.split('\n').find((l) => l.startsWith(figure));
  if (!line) throw new Error(`sox stats printed no “${figure}”:\n${text}`);
  return Number(line.slice(figure.length).trim().split(/\s+/)[0]);
}
