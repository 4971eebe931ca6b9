/**
 * Marks where two versions of the same value differ, so a reviewer sees at a glance which NIK digits
 * or letters of a name the BPJS list and the register disagree on. Pure functions: no DOM, no React.
 */

/** A run of characters that is either shared with the other value or not. */
export interface Segment {
  text: string;
  isDifferent: boolean;
}

/** Each side of a comparison cut into segments; joining a side's texts gives back the value unchanged. */
export type SegmentPair = [Segment[], Segment[]];

const MASK = '*';

/** Merges per-character flags into runs. */
function toSegments(chars: string[], flags: boolean[]): Segment[] {
  const segments: Segment[] = [];
  chars.forEach((char, i) => {
    const isDifferent = flags[i] ?? true;
    const last = segments[segments.length - 1];
    if (last && last.isDifferent === isDifferent) last.text += char;
    else segments.push({ text: char, isDifferent });
  });
  return segments;
}

/**
 * Character by character at the same position: right for fixed-width codes such as a NIK, where `…0001`
 * against `…0010` is two wrong digits, not one digit moved. A masked digit (`*`) matches anything.
 */
export function diffByPosition(a: string, b: string): SegmentPair {
  const left = [...a];
  const right = [...b];
  const same = (i: number) => left[i] !== undefined && right[i] !== undefined && (left[i] === right[i] || left[i] === MASK || right[i] === MASK);
  return [toSegments(left, left.map((_, i) => !same(i))), toSegments(right, right.map((_, i) => !same(i)))];
}

/**
 * By longest common subsequence, ignoring letter case: right for free text such as names, where one
 * letter left out (`Aminah` / `Amina`) must not mark everything after it.
 */
export function diffByCommonSubsequence(a: string, b: string): SegmentPair {
  const left = [...a];
  const right = [...b];
  const fold = (c: string) => c.toLocaleUpperCase('id');
  const n = left.length;
  const m = right.length;
  // lengths[i][j]: the longest common subsequence of left[i..] and right[j..]. Names are short, so O(n·m) is fine.
  const lengths: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] =
        fold(left[i]!) === fold(right[j]!) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const leftDiff = new Array<boolean>(n).fill(true);
  const rightDiff = new Array<boolean>(m).fill(true);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fold(left[i]!) === fold(right[j]!)) {
      leftDiff[i++] = false;
      rightDiff[j++] = false;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return [toSegments(left, leftDiff), toSegments(right, rightDiff)];
}

/**
 * Two NIKs: digit by digit when both have the same length, otherwise by common subsequence (a list
 * that lost a leading digit, e.g. to a spreadsheet, then shows one missing digit instead of sixteen).
 */
export function diffNik(a: string, b: string): SegmentPair {
  return [...a].length === [...b].length ? diffByPosition(a, b) : diffByCommonSubsequence(a, b);
}

/**
 * Inserts a space after every `size` characters, as a NIK is read aloud (`5203 0141 0785 0001`), keeping
 * the marks; the spaces themselves are never marked, so a narrow column may wrap between groups.
 */
export function groupSegments(segments: Segment[], size = 4): Segment[] {
  const out: Segment[] = [];
  const push = (text: string, isDifferent: boolean) => {
    const last = out[out.length - 1];
    if (last && last.isDifferent === isDifferent) last.text += text;
    else out.push({ text, isDifferent });
  };
  let position = 0;
  for (const segment of segments) {
    for (const char of segment.text) {
      if (position > 0 && position % size === 0) push(' ', false);
      push(char, segment.isDifferent);
      position++;
    }
  }
  return out;
}

/** How many characters of one side are marked as different. */
export function countDifferent(segments: Segment[]): number {
  return segments.reduce((sum, s) => sum + (s.isDifferent ? [...s.text].length : 0), 0);
}
