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
 * Line and column of offsets into `text`: the line starts are found once, then each
 * offset is a binary search (so placing every diagnostic of a large config stays linear).
 */
export function lineLocator(text: string): (offset: number) => LineColumn {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // `\r\n` counts once, at its `\n`; a lone `\r` ends the line itself.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
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

/** One offset's line and column: a scan up to it (no index of the whole text). */
export function lineColumn(text: string, offset: number): LineColumn {
  const end = clamp(text, offset);
  let line = 1;
  let start = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
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
