/**
 * Figure 1's peers: the tools a user would otherwise pick for the same convolution,
 * timed in the same run on the same WAV files as the lab.
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
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    y = scipy.signal.fftconvolve(x, h, axes=1)
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"ms": times, "dtype": str(y.dtype), "shape": list(y.shape), "numpy": np.__version__, "scipy": scipy.__version__}))
`;

/** The environment without the OpenBLAS overrides this machine sets (they slow a current numpy). */
function timingEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

export function timeScipy(clipWav: string, irWav: string, runs: number): PeerTiming {
  const name = 'scipy.signal.fftconvolve';
  const r = spawnSync('python3', ['-c', SCIPY, clipWav, irWav, String(runs)], { encoding: 'utf8', env: timingEnv(), timeout: 300_000 });
  if (r.error || r.status !== 0) {
    return {
      name,
      runsMs: null,
      note: `not measured: python3 with numpy and scipy ${r.error ? 'is missing' : `failed: ${r.stderr.trim().split('\n').at(-1)}`}`,
    };
  }
  const out = JSON.parse(r.stdout) as { ms: number[]; dtype: string; shape: number[]; numpy: string; scipy: string };
  return { name, runsMs: out.ms, note: `scipy ${out.scipy}, numpy ${out.numpy}; output ${out.shape.join('×')} ${out.dtype}` };
}

export function timeFfmpeg(clipWav: string, irWav: string, irSeconds: number, runs: number): PeerTiming {
  const name = 'ffmpeg afir';
  const graph = `[0:a]apad=pad_dur=${irSeconds}[a];[a][1:a]afir=gtype=none:irgain=1[o]`;
  const args = ['-hide_banner', '-nostats', '-benchmark', '-i', clipWav, '-i', irWav, '-lavfi', graph, '-map', '[o]', '-f', 'null', '-'];
  const times: number[] = [];
  let version = '';
  for (let i = 0; i <= runs; i++) {
    const r = spawnSync('ffmpeg', args, { encoding: 'utf8', timeout: 300_000 });
    if (r.error || r.status !== 0) {
      return {
        name,
        runsMs: null,
        note: `not measured: ffmpeg ${r.error ? 'is missing' : `failed: ${r.stderr.trim().split('\n').at(-1)}`}`,
      };
    }
    const rtime = /rtime=([\d.]+)s/.exec(r.stderr)?.[1];
    if (!rtime) return { name, runsMs: null, note: 'not measured: ffmpeg printed no -benchmark line' };
    if (i > 0) times.push(Number(rtime) * 1000); // the first run warms the file cache
    version ||= spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  }
  return { name, runsMs: times, note: `${version}; ${graph}` };
}
