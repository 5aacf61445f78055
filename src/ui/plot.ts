/**
 * Small canvas line plots for the measurement panel: axes with labelled ticks and
 * series of (x, y) points. Plain Canvas 2D; no chart library is needed for two plots.
 */
export interface Series {
  label: string;
  color: string;
  /** Points; null y breaks the line. */
  points: [number, number | null][];
  dashed?: boolean;
}

export interface Axes {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  xLabel: string;
  yLabel: string;
  xStep: number;
  yStep: number;
}

/** A shaded stretch of the x axis (the class demo's marked parts of a tail); named in the plot's caption. */
export interface Band {
  from: number;
  to: number;
  /** Translucent fill, and the opaque colour of its left edge. */
  fill: string;
  edge: string;
}

const PAD = { left: 46, right: 10, top: 10, bottom: 30 };

/** Extra drawing inside the plot area (markers, bars), given the axes' value → pixel maps. */
export type Decorate = (ctx: CanvasRenderingContext2D, x: (v: number) => number, y: (v: number) => number) => void;

export function drawPlot(
  canvas: HTMLCanvasElement,
  axes: Axes,
  series: Series[],
  textColor: string,
  gridColor: string,
  bands: Band[] = [],
  decorate?: Decorate,
): void {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, width, height);
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + ((v - axes.xMin) / (axes.xMax - axes.xMin)) * w;
  const y = (v: number) => PAD.top + (1 - (v - axes.yMin) / (axes.yMax - axes.yMin)) * h;

  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = textColor;
  ctx.strokeStyle = gridColor;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let v = Math.ceil(axes.yMin / axes.yStep) * axes.yStep; v <= axes.yMax + 1e-9; v += axes.yStep) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, y(v));
    ctx.lineTo(PAD.left + w, y(v));
    ctx.stroke();
    ctx.fillText(String(Math.round(v * 100) / 100), PAD.left - 4, y(v));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let v = Math.ceil(axes.xMin / axes.xStep) * axes.xStep; v <= axes.xMax + 1e-9; v += axes.xStep) {
    ctx.beginPath();
    ctx.moveTo(x(v), PAD.top);
    ctx.lineTo(x(v), PAD.top + h);
    ctx.stroke();
    ctx.fillText(String(Math.round(v * 100) / 100), x(v), PAD.top + h + 4);
  }
  ctx.fillText(axes.xLabel, PAD.left + w / 2, PAD.top + h + 16);
  ctx.save();
  ctx.translate(10, PAD.top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(axes.yLabel, 0, -6);
  ctx.restore();

  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, w, h);
  ctx.clip();
  drawBands(ctx, bands, x, PAD.top, h);
  decorate?.(ctx, x, y);
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.dashed ? 1.5 : 2;
    ctx.setLineDash(s.dashed ? [6, 4] : []);
    ctx.beginPath();
    tracePoints(ctx, s.points, x, y, 1 / dpr);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The line through `points`, with the points that fall in one device pixel column drawn as
 * its first, lowest, highest and last only: the same picture, and a long clip's curves
 * (thousands of points a pixel) no longer hold the page.
 */
function tracePoints(
  ctx: CanvasRenderingContext2D,
  points: Series['points'],
  x: (v: number) => number,
  y: (v: number) => number,
  pixel: number,
): void {
  let pen = false;
  let column = NaN;
  let low = Infinity;
  let high = -Infinity;
  let last: [number, number] = [0, 0];
  const flush = () => {
    if (low <= high) {
      ctx.lineTo(last[0], low);
      ctx.lineTo(last[0], high);
    }
    ctx.lineTo(last[0], last[1]);
  };
  for (const [px, py] of points) {
    if (py === null || !Number.isFinite(py)) {
      if (pen) flush();
      pen = false;
      continue;
    }
    const cx = x(px);
    const cy = y(py);
    const col = Math.floor(cx / pixel);
    if (pen && col === column) {
      low = Math.min(low, cy);
      high = Math.max(high, cy);
      last = [cx, cy];
      continue;
    }
    if (pen) {
      flush();
      ctx.lineTo(cx, cy);
    } else ctx.moveTo(cx, cy);
    pen = true;
    column = col;
    low = Infinity;
    high = -Infinity;
    last = [cx, cy];
  }
  if (pen) flush();
}

function drawBands(ctx: CanvasRenderingContext2D, bands: Band[], x: (v: number) => number, top: number, h: number): void {
  for (const band of bands) {
    const x0 = x(band.from);
    ctx.fillStyle = band.fill;
    ctx.fillRect(x0, top, Math.max(1, x(band.to) - x0), h);
    // The edge marks where a part begins even when the part is a few ms on an axis of seconds.
    ctx.fillStyle = band.edge;
    ctx.fillRect(x0, top, 1.5, h);
  }
}

/** A CSS custom property's value (canvas cannot paint `var(--x)`). */
export function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** A colour as canvas can paint it: `var(--x)` resolved on `el`, anything else as given. */
export function paintable(el: Element, colour: string): string {
  const m = /^var\((--[\w-]+)\)$/.exec(colour);
  return m ? cssVar(el, m[1], '#888') : colour;
}

/** One measured item on a plot: its name in the results, the CSS custom property of its colour, where it sits on the timeline. */
export interface PlotItem {
  name: string;
  /** A custom property, e.g. "--slot-2". */
  colour: string;
  /** Seconds: where its audio starts on the shared timeline (plots over time shift it). */
  offset?: number;
}

/** A marked part of an item's audio (class demo), in that item's time; `view` is the item's name. */
export interface PlotMark {
  view: string;
  start: number;
  end: number;
  label: string;
}
