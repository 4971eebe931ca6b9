import { describe, expect, it } from 'vitest';
import { isAbortError, percentOf } from './upload.ts';

describe('percentOf', () => {
  it.each([
    [0, 100, 0],
    [45, 100, 45],
    [999, 1000, 99],
    [1000, 1000, 100],
    [1200, 1000, 100],
    [10, 0, 0],
    [10, Number.NaN, 0],
  ])('%d of %d bytes is %d%%', (loaded, total, expected) => {
    expect(percentOf(loaded, total)).toBe(expected);
  });
});

describe('isAbortError', () => {
  it('tells a cancelled upload from a failed one', () => {
    expect(isAbortError(new DOMException('Upload aborted', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('network'))).toBe(false);
  });
});
