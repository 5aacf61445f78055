/**
 * A Vitest browser command (runs in Node, called from browser tests): make or measure a
 * file with sox or ffmpeg, the independent references the tests compare the lab with.
 * Files go to a fresh temporary folder and travel as base64 (commands pass JSON).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserCommand } from 'vitest/node';

export interface ToolRun {
  program: 'sox' | 'ffmpeg' | 'ffprobe';
  /** Arguments, run with the temporary folder as the working directory. */
  args: string[];
  /** Input files to write there first: name → base64 bytes. */
  files?: Record<string, string>;
  /** A file the run writes, returned as base64. */
  output?: string;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  output?: string;
}

export const runTool: BrowserCommand<[run: ToolRun], ToolResult> = async (_context, run) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-tool-'));
  try {
    for (const [name, data] of Object.entries(run.files ?? {})) await writeFile(join(dir, name), Buffer.from(data, 'base64'));
    const { stdout, stderr } = await promisify(execFile)(run.program, run.args, { cwd: dir, maxBuffer: 64 << 20 });
    const output = run.output ? (await readFile(join(dir, run.output))).toString('base64') : undefined;
    return { stdout, stderr, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
