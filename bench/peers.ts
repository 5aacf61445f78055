/**
 * Figure 1's peers: the tools a user would otherwise pick for the same convolution,
 * timed on the same WAV files as the lab, in turn with it (render-figures.ts asks for
 * one run at a time).
 * - scipy.signal.fftconvolve (float32 in, float32 out; one thread, as scipy runs it by
 *   default), timed inside Python around the call alone, after a warm-up call.
 * - ffmpeg's afir filter, apad in front so the reverb tail is kept (afir stops at the
 *   input's end otherwise); its own `-benchmark` real time, which leaves out the process's
 *   start-up but includes reading the WAVs (trivial next to the convolution).
 * A peer that is not installed is reported as missing, never as fast.
 */
import { spawnSync } from 'node:child_process';

export interface PeerTiming {
  name: string;
  /** Milliseconds per run, or null when the tool is missing or failed. */
  runsMs: number[] | null;
  /** CPU time per run (all the tool's threads), ms. */
  cpuMs: number[] | null;
  note: string;
}

const SCIPY = `
import json, sys, time
import numpy as np, scipy, scipy.signal
from scipy.io import wavfile
_, x = wavfile.read(sys.argv[1])
_, h = wavfile.read(sys.argv[2])
x = np.ascontiguousarray(x.T, dtype=np.float32)
h = np.ascontiguousarray(h.T, dtype=np.float32)
runs = int(sys.argv[3])
y = scipy.signal.fftconvolve(x, h, axes=1)
times, cpu = [], []
for _ in range(runs):
    t0, c0 = time.perf_counter(), time.process_time()
    y = scipy.signal.fftconvolve(x, h, axes=1)
    times.append((time.perf_counter() - t0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
print(json.dumps({"ms": times, "cpu": cpu, "dtype": str(y.dtype), "shape": list(y.shape), "numpy": np.__version__, "scipy": scipy.__version__}))
`;

/** The environment without the OpenBLAS overrides this machine sets (they slow a current numpy). */
function timingEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** A peer that could not be timed, and why. */
function missing(name: string, tool: string, r: ReturnType<typeof spawnSync>): PeerTiming {
  const why = r.error ? 'is missing' : `failed: ${String(r.stderr).trim().split('\n').at(-1)}`;
  return { name, runsMs: null, cpuMs: null, note: `not measured: ${tool} ${why}` };
}

export function timeScipy(clipWav: string, irWav: string, runs: number): PeerTiming {
  const name = 'scipy.signal.fftconvolve';
  const r = spawnSync('python3', ['-c', SCIPY, clipWav, irWav, String(runs)], { encoding: 'utf8', env: timingEnv(), timeout: 300_000 });
  if (r.error || r.status !== 0) return missing(name, 'python3 with numpy and scipy', r);
  const out = JSON.parse(r.stdout) as { ms: number[]; cpu: number[]; dtype: string; shape: number[]; numpy: string; scipy: string };
  return {
    name,
    runsMs: out.ms,
    cpuMs: out.cpu,
    note: `scipy ${out.scipy}, numpy ${out.numpy}; output ${out.shape.join('×')} ${out.dtype}`,
  };
}

export function timeFfmpeg(clipWav: string, irWav: string, irSeconds: number, runs: number): PeerTiming {
  const name = 'ffmpeg afir';
  const graph = `[0:a]apad=pad_dur=${irSeconds}[a];[a][1:a]afir=gtype=none:irgain=1[o]`;
  const args = ['-hide_banner', '-nostats', '-benchmark', '-i', clipWav, '-i', irWav, '-lavfi', graph, '-map', '[o]', '-f', 'null', '-'];
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const r = spawnSync('ffmpeg', args, { encoding: 'utf8', timeout: 300_000 });
    if (r.error || r.status !== 0) return missing(name, 'ffmpeg', r);
    const bench = /utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(r.stderr);
    if (!bench) return { name, runsMs: null, cpuMs: null, note: 'not measured: ffmpeg printed no -benchmark line' };
    if (i === 0) continue; // the first run warms the file cache
    times.push(Number(bench[3]) * 1000);
    cpu.push((Number(bench[1]) + Number(bench[2])) * 1000);
  }
  const version = spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  return { name, runsMs: times, cpuMs: cpu, note: `${version}; ${graph}` };
}
