/**
 * Parses the RegExp source `compileRustRegex` produced (already known to be valid) into
 * the tree `regex-compiler` turns into a Pike VM program (see `regex-vm`).
 */

export type Assertion = "bol" | "eol" | "bot" | "eot" | "word" | "notword";

export type Node =
  | { readonly t: "char"; readonly test: (cp: string) => boolean }
  | { readonly t: "assert"; readonly kind: Assertion }
  | { readonly t: "group"; readonly index: number | null; readonly body: Node }
  | { readonly t: "alt"; readonly options: readonly Node[] }
  | { readonly t: "seq"; readonly items: readonly Node[] }
  | {
      readonly t: "repeat";
      readonly body: Node;
      readonly min: number;
      readonly max: number;
      readonly greedy: boolean;
    };

export const INFINITE = Number.POSITIVE_INFINITY;

/** Parser of the RegExp source `compileRustRegex` produced (already known to be valid). */
export class Parser {
  i = 0;
  groups = 0;
  constructor(
    readonly src: string,
    readonly flags: string,
  ) {}

  atomTest(source: string): (cp: string) => boolean {
    const re = new RegExp(`^(?:${source})$`, this.flags.replace(/[gmy]/g, ""));
    return (cp) => re.test(cp);
  }

  // alternation := sequence ('|' sequence)*
  alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: "alt", options };
  }

  // sequence := (atom quantifier?)*
  sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: "seq", items };
  }

  quantified(atom: Node): Node {
    const rest = this.src.slice(this.i);
    let min: number;
    let max: number;
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (rest[0] === "*") [min, max] = [0, INFINITE];
    else if (rest[0] === "+") [min, max] = [1, INFINITE];
    else if (rest[0] === "?") [min, max] = [0, 1];
    else if (brace) {
      min = Number(brace[1]);
      max = brace[2] === undefined ? min : brace[3] === "" ? INFINITE : Number(brace[3]);
    } else return atom;
    this.i += brace ? brace[0].length : 1;
    let greedy = true;
    if (this.src[this.i] === "?") {
      greedy = false;
      this.i++;
    }
    return this.quantified({ t: "repeat", body: atom, min, max, greedy });
  }

  atom(): Node {
    const s = this.src;
    const c = s[this.i] ?? "";
    if (s.startsWith("(?<![\\s\\S])", this.i)) {
      this.i += 11;
      return { t: "assert", kind: "bot" };
    }
    if (s.startsWith("(?![\\s\\S])", this.i)) {
      this.i += 10;
      return { t: "assert", kind: "eot" };
    }
    if (c === "(") {
      let index: number | null = null;
      const named = /^\(\?<[A-Za-z_][A-Za-z0-9_]*>/.exec(s.slice(this.i));
      if (s.startsWith("(?:", this.i)) this.i += 3;
      else if (named) {
        this.i += named[0].length;
        index = ++this.groups;
      } else {
        this.i++;
        index = ++this.groups;
      }
      const body = this.alternation();
      this.i++; // ')'
      return { t: "group", index, body };
    }
    if (c === "^" || c === "$") {
      this.i++;
      return { t: "assert", kind: c === "^" ? "bol" : "eol" };
    }
    if (c === "[") {
      let j = this.i + 1;
      if (s[j] === "^") j++;
      while (j < s.length && s[j] !== "]") j += s[j] === "\\" ? 2 : 1;
      const source = s.slice(this.i, j + 1);
      this.i = j + 1;
      return { t: "char", test: this.atomTest(source) };
    }
    if (c === "\\") {
      const n = s[this.i + 1] ?? "";
      if (n === "b" || n === "B") {
        this.i += 2;
        return { t: "assert", kind: n === "b" ? "word" : "notword" };
      }
      const long =
        /^\\(?:[pP]\{[^}]*\}|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|c[A-Za-z])/.exec(
          s.slice(this.i),
        );
      const len = long
        ? long[0].length
        : 1 + ([...s.slice(this.i + 1, this.i + 3)][0] ?? "").length;
      const source = s.slice(this.i, this.i + len);
      this.i += len;
      return { t: "char", test: this.atomTest(source) };
    }
    const cp = String.fromCodePoint(s.codePointAt(this.i) ?? 0);
    this.i += cp.length;
    if (c === "." || this.flags.includes("i"))
      return { t: "char", test: this.atomTest(c === "." ? "." : escapeChar(cp)) };
    return { t: "char", test: (x) => x === cp };
  }
}

function escapeChar(cp: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(cp) ? `\\${cp}` : cp;
}
