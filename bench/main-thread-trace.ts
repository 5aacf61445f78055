/**
 * The page's main-thread tasks while `work` runs, from a Chromium trace: each task's wall
 * time (what a user waits) and its CPU time (`tdur`, the thread's own running time). On a
 * loaded machine the two part ways — a task can sit descheduled for hundreds of
 * milliseconds while doing 4 ms of work — and the CPU time says what the code itself
 * costs. The Long Tasks API, which the page also reads, sees wall time only.
 */
import type { Browser, Page } from 'playwright';

export interface MainThreadTasks {
  /** Top-level tasks of the page's main thread. */
  tasks: number;
  longestWallMs: number;
  longestCpuMs: number;
  totalCpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export async function traceMainThread<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
  /** 'toplevel' alone also gives the tasks' times, in a trace small enough for minutes of work. */
  categories = ['toplevel', 'disabled-by-default-devtools.timeline'],
  /** Only the tasks that end after the page's first `performance.mark(after)`. */
  after?: string,
): Promise<{ result: T; main: MainThreadTasks }> {
  if (after) categories = [...categories, 'blink.user_timing'];
  await browser.startTracing(page, { categories });
  let result: T;
  try {
    result = await work();
  } catch (err) {
    await browser.stopTracing();
    throw err;
  }
  const trace = await browser.stopTracing();
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threads = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const isMain = (e: TraceEvent) => threads.some((t) => t.pid === e.pid && t.tid === e.tid);
  const from = after ? Math.min(...events.filter((e) => e.name === after).map((e) => e.ts ?? Infinity)) : -Infinity;
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && isMain(e) && (e.ts ?? 0) + (e.dur ?? 0) > from,
  );
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  return {
    result,
    main: {
      tasks: tasks.length,
      longestWallMs: Math.max(0, ...tasks.map((e) => ms(e.dur))),
      longestCpuMs: Math.max(0, ...tasks.map((e) => ms(e.tdur))),
      totalCpuMs: tasks.reduce((a, e) => a + ms(e.tdur), 0),
    },
  };
}
