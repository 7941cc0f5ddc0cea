/**
 * THE one place where raw offsets (UTF-16 code units into a text) become editor
 * positions. Lines and columns are 1-based and columns count UTF-16 units, exactly as
 * Monaco does; `\n`, `\r\n` and a lone `\r` each end a line (Monaco's line terminators).
 */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

export interface LineColumnRange extends LineColumn {
  readonly endLine: number;
  readonly endColumn: number;
}

function clamp(text: string, offset: number): number {
  if (!Number.isFinite(offset) || offset < 0) return 0;
  return Math.min(Math.trunc(offset), text.length);
}

/**
 * Where each line of `text` starts, up to offset `limit`: 0, then just past each line end.
 * `\r\n` counts once, at its `\n`; a lone `\r` ends the line itself. The ends are found
 * with `indexOf`, several times faster than a loop over the units (that loop took 4 % of
 * the v0.13 config's 1 ms budget: npm run bench).
 */
function lineStarts(text: string, limit = text.length): number[] {
  const starts = [0];
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  for (;;) {
    const end = cr >= 0 && (lf < 0 || cr < lf - 1) ? cr : lf;
    if (end < 0 || end >= limit) return starts;
    starts.push(end + 1);
    if (cr <= end) cr = text.indexOf("\r", end + 1);
    if (lf <= end) lf = text.indexOf("\n", end + 1);
  }
}

/**
 * Line and column of offsets into `text`: the line starts are found once, then each
 * offset is a binary search (so placing every diagnostic of a large config stays linear).
 */
export function lineLocator(text: string): (offset: number) => LineColumn {
  const starts = lineStarts(text);
  return (offset) => {
    const end = clamp(text, offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= end) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: end - (starts[lo] ?? 0) + 1 };
  };
}

/** One offset's line and column: the line ends before it (no index of the whole text). */
export function lineColumn(text: string, offset: number): LineColumn {
  const end = clamp(text, offset);
  const starts = lineStarts(text, end);
  return { line: starts.length, column: end - (starts[starts.length - 1] ?? 0) + 1 };
}

export function lineColumnRange(text: string, start: number, end: number): LineColumnRange {
  return rangeOf(lineLocator(text), text, start, end);
}

/** `lineColumnRange` through a locator made once for `text`. */
export function rangeOf(
  at: (offset: number) => LineColumn,
  text: string,
  start: number,
  end: number,
): LineColumnRange {
  const from = at(start);
  const to = at(Math.max(clamp(text, start), clamp(text, end)));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
