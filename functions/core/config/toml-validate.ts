/**
 * A fast, conservative TOML check for the shape configs usually have: `[table]` headers,
 * `a.b = value` lines, comments, basic and literal single-line strings, booleans, decimal
 * integers, arrays and inline tables. It answers `true` only when the text is certainly
 * valid TOML, with TOML's rules on redefining tables and keys (TOML 1.0 §Table, §Keys);
 * for anything else (other value types, escapes beyond the simple ones, `[[array
 * tables]]`, deep nesting, any error) it answers `false` and the loader asks smol-toml,
 * which then decides and gives the exact error. So it only saves smol-toml's second parse
 * of the document (a tenth of a 2,000-line config's evaluation, bench profile); it never
 * changes what is accepted.
 */

enum Kind {
  /** Created by a `[a.b]` header as a parent of the table it defines. */
  Implicit = 0,
  /** Defined by its own `[header]`. */
  Explicit = 1,
  /** Created by a dotted key (`a.b = 1` creates table `a`). */
  Dotted = 2,
  /** A value: scalar, array or inline table (frozen). */
  Value = 3,
}

interface Node {
  kind: Kind;
  /** Null for values: nothing may be added under a value, so they need no map. */
  readonly children: Map<string, Node> | null;
}

/** Nesting of arrays / inline tables beyond this is left to smol-toml (and Stalwart's 10-level limit). */
const MAX_DEPTH = 8;
/** Longest decimal integer taken here: 15 digits are always a safe JS integer. */
const MAX_DIGITS = 15;

const newNode = (kind: Kind): Node => ({
  kind,
  children: kind === Kind.Value ? null : new Map(),
});
/** Every value is the same node: values never change kind and never get children. */
const VALUE: Node = Object.freeze({ kind: Kind.Value, children: null });
/** Children of a table node (values never get here: they fail the kind checks first). */
function childrenOf(node: Node): Map<string, Node> {
  if (node.children === null) throw BAIL;
  return node.children;
}

class Bail extends Error {}
const BAIL = new Bail();

function isBare(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2d // -
  );
}

/** TOML forbids control characters (except tab) in strings and comments. */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09) || c === 0x7f;
}

class Validator {
  private pos = 0;
  private readonly parts: string[] = [];
  private readonly root = newNode(Kind.Explicit);

  constructor(private readonly t: string) {}

  run(): void {
    const t = this.t;
    let table = this.root;
    for (;;) {
      this.skipVoid(true);
      if (this.pos >= t.length) return;
      if (t.charCodeAt(this.pos) === 0x5b /* [ */) {
        this.pos++;
        if (t.charCodeAt(this.pos) === 0x5b) throw BAIL; // [[array of tables]]
        this.skipSpaces();
        const path = this.key();
        if (t.charCodeAt(this.pos) !== 0x5d /* ] */) throw BAIL;
        this.pos++;
        table = this.header(path);
      } else {
        this.keyValue(table, 0);
      }
      this.skipVoid(false);
      if (this.pos < t.length) {
        const c = t.charCodeAt(this.pos);
        if (c !== 0x0a && c !== 0x0d) throw BAIL; // each line holds one declaration
      }
    }
  }

  /** Spaces, tabs, comments, and newlines (`\n`, `\r\n`) when allowed. */
  private skipVoid(newlines: boolean): void {
    const t = this.t;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) this.pos++;
      else if (newlines && c === 0x0a) this.pos++;
      else if (newlines && c === 0x0d && t.charCodeAt(this.pos + 1) === 0x0a) this.pos += 2;
      else if (c === 0x23 /* # */) {
        this.pos++;
        while (this.pos < t.length) {
          const d = t.charCodeAt(this.pos);
          if (d === 0x0a || (d === 0x0d && t.charCodeAt(this.pos + 1) === 0x0a)) break;
          if (isControl(d)) throw BAIL;
          this.pos++;
        }
      } else return;
    }
  }

  /** key = simple-key *( ws "." ws simple-key ), then trailing spaces; quoted keys only as plain `"…"`. */
  private key(): string[] {
    const t = this.t;
    // One array reused for every key (read before anything else calls key()).
    const parts = this.parts;
    parts.length = 0;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22 /* " */) {
        if (t.charCodeAt(this.pos + 1) === 0x22 && t.charCodeAt(this.pos + 2) === 0x22) throw BAIL;
        const s = this.pos + 1;
        let i = s;
        for (; i < t.length; i++) {
          const d = t.charCodeAt(i);
          if (d === 0x22) break;
          if (d === 0x5c /* \ */ || isControl(d)) throw BAIL;
        }
        if (i >= t.length) throw BAIL;
        parts.push(t.slice(s, i));
        this.pos = i + 1;
      } else if (isBare(c)) {
        const s = this.pos;
        while (this.pos < t.length && isBare(t.charCodeAt(this.pos))) this.pos++;
        parts.push(t.slice(s, this.pos));
      } else {
        throw BAIL;
      }
      this.skipSpaces();
      if (t.charCodeAt(this.pos) !== 0x2e /* . */) return parts;
      this.pos++;
      this.skipSpaces();
    }
  }

  private skipSpaces(): void {
    const t = this.t;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09) return;
      this.pos++;
    }
  }

  /** `[a.b.c]`: parents may be header tables (made implicitly if absent); c must be new or implicit. */
  private header(path: readonly string[]): Node {
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      const k = path[i] ?? "";
      const last = i === path.length - 1;
      let child = childrenOf(node).get(k);
      if (child === undefined) {
        child = newNode(last ? Kind.Explicit : Kind.Implicit);
        childrenOf(node).set(k, child);
      } else if (last) {
        if (child.kind !== Kind.Implicit) throw BAIL; // table defined twice, or a value
        child.kind = Kind.Explicit;
      } else if (child.kind !== Kind.Implicit && child.kind !== Kind.Explicit) {
        throw BAIL;
      }
      node = child;
    }
    return node;
  }

  /** `a.b.c = v` in `table`: parents must be new or made by dotted keys; `c` must be new. */
  private keyValue(table: Node, depth: number): void {
    const path = this.key();
    if (this.t.charCodeAt(this.pos) !== 0x3d /* = */) throw BAIL;
    this.pos++;
    this.skipSpaces();
    let node = table;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i] ?? "";
      let child = childrenOf(node).get(k);
      if (child === undefined) {
        child = newNode(Kind.Dotted);
        childrenOf(node).set(k, child);
      } else if (child.kind !== Kind.Dotted) {
        throw BAIL;
      }
      node = child;
    }
    const k = path[path.length - 1] ?? "";
    if (childrenOf(node).has(k)) throw BAIL;
    childrenOf(node).set(k, VALUE);
    this.value(depth);
  }

  private value(depth: number): void {
    const t = this.t;
    const c = t.charCodeAt(this.pos);
    if (c === 0x22 || c === 0x27) {
      this.string(c);
      return;
    }
    if (c === 0x5b /* [ */) {
      this.array(depth + 1);
      return;
    }
    if (c === 0x7b /* { */) {
      this.inlineTable(depth + 1);
      return;
    }
    const s = this.pos;
    while (this.pos < t.length) {
      const d = t.charCodeAt(this.pos);
      if (
        d === 0x20 ||
        d === 0x09 ||
        d === 0x0a ||
        d === 0x0d ||
        d === 0x2c ||
        d === 0x5d ||
        d === 0x7d ||
        d === 0x23
      )
        break;
      this.pos++;
    }
    if (!isSimpleScalar(t, s, this.pos)) throw BAIL;
  }

  /** Single-line basic (`"…"`, escapes \b \t \n \f \r \" \\ only) or literal (`'…'`) string. */
  private string(quote: number): void {
    const t = this.t;
    if (t.charCodeAt(this.pos + 1) === quote && t.charCodeAt(this.pos + 2) === quote) throw BAIL;
    let i = this.pos + 1;
    for (; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === quote) break;
      if (isControl(d)) throw BAIL;
      if (d === 0x5c && quote === 0x22) {
        const e = t.charCodeAt(i + 1);
        // b t n f r " \
        if (
          e !== 0x62 &&
          e !== 0x74 &&
          e !== 0x6e &&
          e !== 0x66 &&
          e !== 0x72 &&
          e !== 0x22 &&
          e !== 0x5c
        )
          throw BAIL;
        i++;
      }
    }
    if (i >= t.length) throw BAIL;
    this.pos = i + 1;
  }

  /** array = "[" *( void value void "," ) [ void value void ] void "]" (void: spaces, newlines, comments). */
  private array(depth: number): void {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.t;
    this.pos++;
    for (;;) {
      this.skipVoid(true);
      if (t.charCodeAt(this.pos) === 0x5d) break;
      if (this.pos >= t.length) throw BAIL;
      this.value(depth);
      this.skipVoid(true);
      const c = t.charCodeAt(this.pos);
      if (c === 0x5d) break;
      if (c !== 0x2c) throw BAIL;
      this.pos++;
    }
    this.pos++;
  }

  /** inline-table = "{" ws [ keyval *( ws "," ws keyval ) ] ws "}", on one line, no trailing comma. */
  private inlineTable(depth: number): void {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.t;
    const scope = newNode(Kind.Dotted);
    this.pos++;
    this.skipSpaces();
    if (t.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpaces();
      this.keyValue(scope, depth);
      this.skipSpaces();
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x7d) return;
      if (c !== 0x2c) throw BAIL;
    }
  }
}

/** `true`, `false`, or a decimal integer without underscores that is a safe JS integer. */
function isSimpleScalar(t: string, s: number, e: number): boolean {
  const n = e - s;
  if (n === 4 && t.startsWith("true", s)) return true;
  if (n === 5 && t.startsWith("false", s)) return true;
  let i = s;
  const c = t.charCodeAt(i);
  if (c === 0x2b || c === 0x2d) i++;
  if (i >= e || e - i > MAX_DIGITS) return false;
  if (t.charCodeAt(i) === 0x30) return e - i === 1; // no leading zeros
  for (; i < e; i++) {
    const d = t.charCodeAt(i);
    if (d < 0x30 || d > 0x39) return false;
  }
  return true;
}

/** True only if `text` is certainly valid TOML; false means "ask a full TOML parser". */
export function isSimpleValidToml(text: string): boolean {
  try {
    new Validator(text).run();
    return true;
  } catch (err) {
    if (err instanceof Bail) return false;
    throw err;
  }
}
