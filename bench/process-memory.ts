/**
 * Figure 6 needs the memory the page really uses, and most of it is not JavaScript heap:
 * AudioBuffer samples, decoder buffers and the offline render's output live outside V8's
 * heap (CDP's JSHeapUsedSize does not see them). So we read the renderer process's
 * resident set from Linux: reset its high-water mark (/proc/PID/clear_refs "5"), do the
 * work, then read VmHWM — the peak resident memory while the work ran.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright';

export interface ProcessMemory {
  pid: number;
  rssBytes: number;
  peakBytes: number;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(line.split(/\s+/)[1]);
}

/** Renderer process ids of this browser, from the DevTools protocol. */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

/** Reset each process's peak to its current resident size. False when Linux refuses. */
export function resetPeaks(pids: number[]): boolean {
  try {
    for (const pid of pids) writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function readMemory(pid: number): ProcessMemory {
  return { pid, rssBytes: statusKb(pid, 'VmRSS') * 1024, peakBytes: statusKb(pid, 'VmHWM') * 1024 };
}
