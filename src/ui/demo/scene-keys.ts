/**
 * Which key moves the demo where. Pure, so the rule is tested without a browser:
 * PageDown/PageUp always (presentation clickers send these); ←/→ only when no control
 * that needs arrows has the focus (a slider, a picker, a text field).
 */
export type SceneStep = 1 | -1 | 0;

export interface KeyInfo {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** The focused element uses arrow keys itself (range input, select, text field). */
  targetUsesArrows: boolean;
}

export function sceneStepFor(e: KeyInfo): SceneStep {
  if (e.ctrlKey || e.metaKey || e.altKey) return 0;
  switch (e.key) {
    case 'PageDown':
      return 1;
    case 'PageUp':
      return -1;
    case 'ArrowRight':
      return e.targetUsesArrows || e.shiftKey ? 0 : 1;
    case 'ArrowLeft':
      return e.targetUsesArrows || e.shiftKey ? 0 : -1;
    default:
      return 0;
  }
}

/** The scene index after a step, kept inside [0, count). */
export function stepScene(index: number, step: SceneStep, count: number): number {
  return Math.max(0, Math.min(count - 1, index + step));
}

/**
 * Scene to open from the page's address: `#demo` opens the first, `#demo-3` the third
 * (1-based, as a teacher counts), so a lesson can be bookmarked. null: not in demo.
 */
export function sceneFromHash(hash: string, count: number): number | null {
  const m = /^#demo(?:-(\d+))?$/.exec(hash);
  if (!m) return null;
  const n = m[1] ? Number(m[1]) : 1;
  return Math.max(0, Math.min(count - 1, n - 1));
}

export function hashForScene(index: number): string {
  return `#demo-${index + 1}`;
}

/** Hides and shows the scene's caption (free in the keyboard model: no shortcut and no blind test uses it). */
export const CAPTION_KEY = 'h';
