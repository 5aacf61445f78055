import { describe, expect, it } from 'vitest';
import { hashForScene, sceneFromHash, sceneStepFor, stepScene } from '../../src/ui/demo/scene-keys';

describe('demo keys', () => {
  it('PageDown/PageUp always step, arrows only when the focus does not need them', () => {
    expect(sceneStepFor({ key: 'PageDown', targetUsesArrows: true })).toBe(1);
    expect(sceneStepFor({ key: 'PageUp', targetUsesArrows: true })).toBe(-1);
    expect(sceneStepFor({ key: 'ArrowRight', targetUsesArrows: false })).toBe(1);
    expect(sceneStepFor({ key: 'ArrowLeft', targetUsesArrows: false })).toBe(-1);
    expect(sceneStepFor({ key: 'ArrowRight', targetUsesArrows: true })).toBe(0);
    expect(sceneStepFor({ key: 'ArrowLeft', targetUsesArrows: true })).toBe(0);
  });

  it('leaves modified keys and other keys to the browser and the lab', () => {
    expect(sceneStepFor({ key: 'ArrowRight', altKey: true, targetUsesArrows: false })).toBe(0); // browser "forward"
    expect(sceneStepFor({ key: 'PageDown', ctrlKey: true, targetUsesArrows: false })).toBe(0); // next browser tab
    expect(sceneStepFor({ key: 'ArrowLeft', shiftKey: true, targetUsesArrows: false })).toBe(0);
    expect(sceneStepFor({ key: ' ', targetUsesArrows: false })).toBe(0);
    expect(sceneStepFor({ key: 'b', targetUsesArrows: false })).toBe(0);
  });

  it('stays inside the scene list', () => {
    expect(stepScene(0, -1, 5)).toBe(0);
    expect(stepScene(4, 1, 5)).toBe(4);
    expect(stepScene(2, 1, 5)).toBe(3);
  });

  it('reads and writes the bookmarkable address, 1-based', () => {
    expect(sceneFromHash('#demo', 5)).toBe(0);
    expect(sceneFromHash('#demo-3', 5)).toBe(2);
    expect(sceneFromHash('#demo-9', 5)).toBe(4);
    expect(sceneFromHash('#demo-0', 5)).toBe(0);
    expect(sceneFromHash('', 5)).toBeNull();
    expect(sceneFromHash('#demolition', 5)).toBeNull();
    expect(sceneFromHash(hashForScene(3), 5)).toBe(3);
  });
});
