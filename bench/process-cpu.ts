/**
 * CPU time a process has used (all its threads: for a Chromium renderer that is the page,
 * its workers and its audio thread), from Linux's /proc/PID/stat. On this shared machine
 * the wall-clock of the same work spreads 2–5× with the load others put on it; the CPU it
 * takes moves far less, so the render figures report both.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** User + system CPU time of the processes, ms (resolution: one clock tick, 10 ms). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return (ticks * 1000) / clockTicks();
}
