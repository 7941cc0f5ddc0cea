/**
 * Where the cursor is in Stalwart TOML, for completion and hover: which setting key the
 * surrounding value belongs to, and whether the cursor is inside a string (an
 * expression). A light line scanner: the exact reading is the core's job.
 */
export interface CursorContext {
  /** Full dotted setting key the cursor's value belongs to, e.g. queue.outbound.ip-strategy. */
  readonly settingKey: string | null;
  /** The current [table] prefix. */
  readonly table: string;
  readonly inString: boolean;
  /** Cursor is where a key name is written (start of line or after `{`/`,`). */
  readonly atKey: boolean;
  /**
   * Cursor is where a value starts (after `key =`, `then =` or `else =`, with at most a
   * bare word typed): not after a closed string, not in a condition (`if =`).
   */
  readonly atValue: boolean;
}

function stripComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

function quoteOpen(text: string): boolean {
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== "";
}

const INNER = new Set(["if", "then", "else"]);

export function cursorContext(
  lines: readonly string[],
  lineNumber: number,
  column: number,
): CursorContext {
  const current = (lines[lineNumber - 1] ?? "").slice(0, column - 1);
  let table = "";
  let key: string | null = null;
  for (let i = lineNumber - 1; i >= 0; i--) {
    const raw = i === lineNumber - 1 ? current : stripComment(lines[i] ?? "");
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$/.exec(raw);
    if (header?.[1]) {
      table = header[1].replace(/["']/g, "").toLowerCase();
      break;
    }
    if (key === null) {
      // The outermost key of this line (ignoring if/then/else inside inline tables).
      const m = /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(raw);
      if (m?.[1] && !INNER.has(m[1])) key = m[1];
    }
  }
  const inString = quoteOpen(current);
  const atKey =
    !inString && /(^\s*|[{,]\s*)[A-Za-z0-9_.-]*$/.test(current) && !/=\s*[^,{]*$/.test(current);
  const settingKey = key ? (table ? `${table}.${key}` : key) : null;
  const value = /(?:^\s*|[{,]\s*)([A-Za-z0-9_.-]+)\s*=\s*[A-Za-z_]*$/.exec(current);
  const atValue = !inString && value !== null && value[1] !== "if";
  return { settingKey, table, inString, atKey, atValue };
}
