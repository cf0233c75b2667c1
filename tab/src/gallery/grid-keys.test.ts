// Arrow-key movement in the gallery grid: every key, at the edges, and with a last row that is not full.
import { describe, expect, it } from 'vitest';
import { nextIndex } from './grid-keys.ts';

describe('nextIndex (10 tiles, 4 columns: rows 0-3, 4-7, 8-9)', () => {
  const go = (key: string, from: number, opts = {}) => nextIndex(key, from, 10, 4, opts);
  it('steps left and right, and stays at the ends', () => {
    expect(go('ArrowRight', 0)).toBe(1);
    expect(go('ArrowRight', 3)).toBe(4);
    expect(go('ArrowLeft', 4)).toBe(3);
    expect(go('ArrowLeft', 0)).toBe(0);
    expect(go('ArrowRight', 9)).toBe(9);
  });
  it('moves a row up or down, and stays when there is no tile below', () => {
    expect(go('ArrowDown', 1)).toBe(5);
    expect(go('ArrowDown', 5)).toBe(9);
    expect(go('ArrowDown', 7)).toBe(7);
    expect(go('ArrowUp', 9)).toBe(5);
    expect(go('ArrowUp', 2)).toBe(2);
  });
  it('Home and End go to the row ends; with Ctrl, the grid ends', () => {
    expect(go('Home', 6)).toBe(4);
    expect(go('End', 5)).toBe(7);
    expect(go('End', 8)).toBe(9);
    expect(go('Home', 6, { ctrl: true })).toBe(0);
    expect(go('End', 1, { ctrl: true })).toBe(9);
  });
  it('PageDown and PageUp move a screenful of rows, clamped', () => {
    expect(go('PageDown', 0, { pageRows: 1 })).toBe(4);
    expect(go('PageDown', 6, { pageRows: 2 })).toBe(9);
    expect(go('PageUp', 9, { pageRows: 1 })).toBe(5);
    expect(go('PageUp', 2, { pageRows: 3 })).toBe(0);
  });
  it('ignores other keys and empty grids', () => {
    expect(go('a', 3)).toBeNull();
    expect(go('Enter', 3)).toBeNull();
    expect(nextIndex('ArrowRight', 0, 0, 4)).toBeNull();
  });
});
