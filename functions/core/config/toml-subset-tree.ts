/**
 * The table structure of a TOML document as smol-toml 1.9.1 tracks it to refuse
 * redefinitions (its `peekTable` in dist/parse.js and the `meta` tree beside the result):
 * one node per table or key, kinds and a `defined` flag exactly as smol-toml keeps them, so
 * that `defineKey` refuses precisely what smol-toml refuses ("trying to redefine an
 * already defined table or value"). toml-subset.ts walks it for every header and key.
 */

/** A key assigned by `a.b = v` (the value, or a table made on the way by its dots). */
export const DOTTED = 0;
/** A table named by a `[a.b]` header (or made on the way by one). */
export const EXPLICIT = 1;
/** An array of tables, `[[a.b]]`. */
export const ARRAY = 2;
/** A table made on the way by a `[[a.b]]` header: `[a]` may still define it. */
const ARRAY_DOTTED = 3;

type DefineKind = typeof DOTTED | typeof EXPLICIT | typeof ARRAY;

export class TableNode {
  /** smol-toml's `d`: a header or an assignment defined this node itself. */
  defined = false;
  /** Made on first use: most nodes are values, which never get children. */
  children: Map<string, TableNode> | undefined = undefined;
  /** For an ARRAY node, its last element: the only one later headers or keys reach. */
  last: TableNode | undefined = undefined;

  constructor(readonly kind: number) {}
}

/** Every value's node: defined by a dotted key (smol-toml: `{ t: DOTTED, d: true }`). */
const VALUE = new TableNode(DOTTED);
VALUE.defined = true;

/**
 * Defines the key `parts[0..count)` below `table` as smol-toml's `peekTable` does, step
 * for step: returns the node whose children the following keys go into (a header's table,
 * or the new last element of an array of tables), or null where smol-toml throws.
 */
export function defineKey(
  table: TableNode,
  parts: readonly string[],
  count: number,
  kind: DefineKind,
): TableNode | null {
  let scope = table;
  let state: TableNode | undefined;
  let hasOwn = false;
  for (let i = 0; i < count; i++) {
    if (i > 0 && state !== undefined) {
      // Dotted keys may not go through a table a header made (TOML 1.0 "Table"), nor
      // through an array of tables; headers go into an array's last element.
      if (kind === DOTTED && (state.kind === EXPLICIT || state.kind === ARRAY)) return null;
      scope = state.kind === ARRAY && state.last !== undefined ? state.last : state;
    }
    const key = parts[i] ?? "";
    state = scope.children?.get(key);
    hasOwn = state !== undefined;
    // A value (and an inline table, which is a value: frozen) is never gone through.
    if (state !== undefined && state.kind === DOTTED && state.defined) return null;
    if (state === undefined) {
      if (i === count - 1 && kind === DOTTED) {
        // A new value: the checks below all pass for it, and nothing ever changes a
        // defined DOTTED node (any later key reaching it stops above), so one is shared.
        scope.children ??= new Map();
        scope.children.set(key, VALUE);
        return VALUE;
      }
      state = new TableNode(i < count - 1 && kind === ARRAY ? ARRAY_DOTTED : kind);
      scope.children ??= new Map();
      scope.children.set(key, state);
    }
  }
  if (state === undefined) return null;
  // `[a]` may define a table only headers made on the way (`[a.b]` or `[[a.b]]`); `[[a]]`
  // only extends an array of tables; a dotted key only goes where dotted keys made tables.
  if (state.kind !== kind && !(kind === EXPLICIT && state.kind === ARRAY_DOTTED)) return null;
  if (kind === ARRAY) {
    state.defined = true;
    state.last = new TableNode(EXPLICIT);
    state = state.last;
  }
  if (state.defined) return null;
  state.defined = true;
  // A key assigned where a table already is (`a.b = 1` then `a = 2`).
  if (kind === DOTTED && hasOwn) return null;
  return state;
}
