/**
 * Runs `matches()` patterns without backtracking, within the evaluation step budget.
 *
 * Stalwart compiles patterns with Rust's `regex` crate, whose matching time is linear in
 * the subject. JS RegExp backtracks: `a*a*b`, `(a|a)*b` or even `a*b` against a long
 * subject can spin for seconds or minutes, far beyond a Worker's CPU limit. So the
 * pattern compiled by `compileRustRegex` (a RegExp, which validated its syntax) is turned
 * into a small program and run by a Pike VM (Thompson NFA simulation with captures,
 * leftmost-first like Rust's engine). Every instruction a thread visits costs one step of
 * `LIMITS.evalSteps`, so no pattern and no subject can run longer than the budget.
 * Single-character atoms (classes, escapes, `.`) are tested with a one-character RegExp
 * of the same flags, so their meaning stays exactly the translated one.
 */
import { CoreError, type SourceRange } from "../errors";
import { exprLimit, LIMITS } from "../limits";
import type { EvalState } from "./types";

/** Compiled program size cap: `(a{500}){500}` must not build a quarter-million nodes. */
export const MAX_REGEX_PROGRAM = 20_000;

type Assertion = "bol" | "eol" | "bot" | "eot" | "word" | "notword";

type Inst =
  | { readonly op: "char"; readonly test: (cp: string) => boolean }
  | { readonly op: "split"; x: number; y: number }
  | { readonly op: "jmp"; x: number }
  | { readonly op: "save"; readonly slot: number }
  | { readonly op: "assert"; readonly kind: Assertion }
  | { readonly op: "match" };

type Node =
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

interface Program {
  readonly insts: readonly Inst[];
  readonly groups: number;
  readonly multiline: boolean;
}

const INFINITE = Number.POSITIVE_INFINITY;

/** Parser of the RegExp source `compileRustRegex` produced (already known to be valid). */
class Parser {
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

class Compiler {
  readonly insts: Inst[] = [];
  emit(inst: Inst): number {
    if (this.insts.length >= MAX_REGEX_PROGRAM)
      exprLimit("regexLength", `a pattern that expands to over ${MAX_REGEX_PROGRAM} instructions`);
    this.insts.push(inst);
    return this.insts.length - 1;
  }
  node(n: Node): void {
    switch (n.t) {
      case "char":
        this.emit({ op: "char", test: n.test });
        return;
      case "assert":
        this.emit({ op: "assert", kind: n.kind });
        return;
      case "seq":
        for (const item of n.items) this.node(item);
        return;
      case "group":
        if (n.index !== null) this.emit({ op: "save", slot: 2 * n.index });
        this.node(n.body);
        if (n.index !== null) this.emit({ op: "save", slot: 2 * n.index + 1 });
        return;
      case "alt": {
        const jumps: { op: "jmp"; x: number }[] = [];
        n.options.forEach((opt, k) => {
          if (k < n.options.length - 1) {
            const split: Inst = { op: "split", x: 0, y: 0 };
            this.emit(split);
            split.x = this.insts.length;
            this.node(opt);
            const j: { op: "jmp"; x: number } = { op: "jmp", x: 0 };
            this.emit(j);
            jumps.push(j);
            split.y = this.insts.length;
          } else this.node(opt);
        });
        for (const j of jumps) j.x = this.insts.length;
        return;
      }
      case "repeat": {
        for (let k = 0; k < n.min; k++) this.node(n.body);
        if (n.max === INFINITE) {
          const split: Inst = { op: "split", x: 0, y: 0 };
          const at = this.emit(split);
          this.node(n.body);
          this.emit({ op: "jmp", x: at });
          this.prefer(split, at + 1, this.insts.length, n.greedy);
          return;
        }
        const splits: { op: "split"; x: number; y: number }[] = [];
        for (let k = n.min; k < n.max; k++) {
          const split: { op: "split"; x: number; y: number } = { op: "split", x: 0, y: 0 };
          this.emit(split);
          splits.push(split);
          split.x = this.insts.length;
          this.node(n.body);
        }
        for (const s of splits) this.prefer(s, s.x, this.insts.length, n.greedy);
        return;
      }
    }
  }
  /** `into` is taking the repetition once more; greedy prefers it, lazy prefers `out`. */
  prefer(split: { x: number; y: number }, into: number, out: number, greedy: boolean): void {
    split.x = greedy ? into : out;
    split.y = greedy ? out : into;
  }
}

const programs = new WeakMap<RegExp, Program>();

function programOf(re: RegExp): Program {
  const cached = programs.get(re);
  if (cached) return cached;
  const parser = new Parser(re.source === "(?:)" ? "" : re.source, re.flags);
  const ast = parser.alternation();
  const c = new Compiler();
  c.emit({ op: "save", slot: 0 });
  c.node(ast);
  c.emit({ op: "save", slot: 1 });
  c.emit({ op: "match" });
  const program = { insts: c.insts, groups: parser.groups, multiline: re.flags.includes("m") };
  programs.set(re, program);
  return program;
}

/** Checks a compiled pattern's program size (a limit error at parse time, not at run time). */
export function checkRegexProgram(re: RegExp, range: SourceRange): void {
  try {
    programOf(re);
  } catch (e) {
    if (e instanceof CoreError && e.range === undefined)
      throw new CoreError(e.code, e.message, range);
    throw e;
  }
}

const isWord = (ch: string | undefined) => ch !== undefined && /^[A-Za-z0-9_]$/.test(ch);

interface Thread {
  readonly pc: number;
  readonly caps: readonly number[];
}

/**
 * Leftmost-first search of `re` in `subject`, like `RegExp.exec` (captures as strings or
 * `undefined`), charging one step of `state.steps` per instruction visited.
 */
export function execBounded(
  re: RegExp,
  subject: string,
  state: EvalState,
): (string | undefined)[] | null {
  const prog = programOf(re);
  const chars = re.flags.includes("u") ? [...subject] : subject.split("");
  // offsets[k]: index in `subject` where character k starts.
  const offsets: number[] = [0];
  for (const ch of chars) offsets.push((offsets[offsets.length - 1] ?? 0) + ch.length);
  const step = () => {
    state.steps++;
    if (state.steps > LIMITS.evalSteps)
      exprLimit("evalSteps", `${state.steps} steps (while matching a regular expression)`);
  };
  const holds = (kind: Assertion, k: number): boolean => {
    const prev = chars[k - 1];
    const next = chars[k];
    switch (kind) {
      case "bot":
        return k === 0;
      case "eot":
        return k === chars.length;
      case "bol":
        return k === 0 || (prog.multiline && prev === "\n");
      case "eol":
        return k === chars.length || (prog.multiline && next === "\n");
      case "word":
        return isWord(prev) !== isWord(next);
      case "notword":
        return isWord(prev) === isWord(next);
    }
  };
  let matched: readonly number[] | null = null;
  const slots = 2 * (prog.groups + 1);
  const empty: number[] = new Array<number>(slots).fill(-1);

  // Follows jumps, splits, saves and assertions from `pc` at position k, in priority order.
  const add = (
    list: Thread[],
    seen: Set<number>,
    pc0: number,
    caps0: readonly number[],
    k: number,
  ) => {
    const stack: Thread[] = [{ pc: pc0, caps: caps0 }];
    while (stack.length > 0) {
      const { pc, caps } = stack.pop() as Thread;
      if (seen.has(pc)) continue;
      seen.add(pc);
      step();
      const inst = prog.insts[pc];
      if (!inst) continue;
      switch (inst.op) {
        case "jmp":
          stack.push({ pc: inst.x, caps });
          break;
        case "split":
          stack.push({ pc: inst.y, caps }, { pc: inst.x, caps });
          break;
        case "save": {
          const next = [...caps];
          next[inst.slot] = k;
          stack.push({ pc: pc + 1, caps: next });
          break;
        }
        case "assert":
          if (holds(inst.kind, k)) stack.push({ pc: pc + 1, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  };

  let current: Thread[] = [];
  let currentSeen = new Set<number>();
  for (let k = 0; k <= chars.length; k++) {
    // A new search may start here, at lowest priority, until something matched.
    if (matched === null) add(current, currentSeen, 0, empty, k);
    if (current.length === 0) {
      if (matched !== null) break;
      currentSeen = new Set<number>();
      continue;
    }
    const next: Thread[] = [];
    const nextSeen = new Set<number>();
    const ch = chars[k];
    for (const t of current) {
      step();
      const inst = prog.insts[t.pc];
      if (inst?.op === "match") {
        matched = t.caps;
        break; // lower-priority threads lose (leftmost-first)
      }
      if (inst?.op === "char" && ch !== undefined && inst.test(ch)) {
        add(next, nextSeen, t.pc + 1, t.caps, k + 1);
      }
    }
    current = next;
    currentSeen = nextSeen;
  }
  if (matched === null) return null;
  const m = matched;
  const out: (string | undefined)[] = [];
  for (let g = 0; g <= prog.groups; g++) {
    const a = m[2 * g] ?? -1;
    const b = m[2 * g + 1] ?? -1;
    out.push(a < 0 || b < 0 ? undefined : subject.slice(offsets[a], offsets[b]));
  }
  return out;
}
