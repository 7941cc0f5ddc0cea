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

export function lineColumn(text: string, offset: number): LineColumn {
  const end = clamp(text, offset);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      // `\r\n` counts once, at its `\n`; a lone `\r` ends the line itself.
      if (text.charCodeAt(i + 1) === 10) continue;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function lineColumnRange(text: string, start: number, end: number): LineColumnRange {
  const from = lineColumn(text, start);
  const to = lineColumn(text, Math.max(clamp(text, start), clamp(text, end)));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
