/** One event of a Chromium trace (`browser.startTracing`), as the bench's trace readers use it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  id?: string;
  /** Wall and thread (CPU) duration, µs. */
  dur?: number;
  tdur?: number;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
      functionName?: string;
    };
  };
}

/** A node of V8's sampling profile inside a trace's ProfileChunk events. */
export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** One V8 sampling profile of a trace: the thread it sampled (`pid:tid`), its nodes, and its samples on the trace's clock (µs). */
export interface ThreadProfile {
  thread: string;
  nodes: Map<number, ProfileNode>;
  samples: { ts: number; node: number }[];
}

/** The sampling profiles in a trace, read from its Profile and ProfileChunk events. */
export function cpuProfiles(events: readonly TraceEvent[]): ThreadProfile[] {
  const profiles = new Map<string, ThreadProfile & { clock: number }>();
  for (const e of events) {
    if (e.name === 'Profile')
      profiles.set(`${e.pid}:${e.id}`, {
        thread: `${e.pid}:${e.tid}`,
        nodes: new Map(),
        samples: [],
        clock: e.args?.data?.startTime ?? e.ts,
      });
  }
  for (const e of events) {
    const p = e.name === 'ProfileChunk' ? profiles.get(`${e.pid}:${e.id}`) : undefined;
    if (!p) continue;
    const cp = e.args?.data?.cpuProfile;
    for (const n of cp?.nodes ?? []) p.nodes.set(n.id, n);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (cp?.samples ?? []).forEach((node, i) => {
      p.clock += deltas[i] ?? 0;
      p.samples.push({ ts: p.clock, node });
    });
  }
  return [...profiles.values()];
}
