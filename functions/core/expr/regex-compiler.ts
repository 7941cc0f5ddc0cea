/**
 * Compiles a parsed pattern (`regex-ast`) into the Pike VM program `regex-vm` runs, with a
 * cap on its size so a pattern cannot expand without bound.
 */
import { CoreError, type SourceRange } from "../errors";
import { count, exprLimit } from "../limits";
import { type Assertion, INFINITE, type Node, Parser } from "./regex-ast";

/** Compiled program size cap: `(a{500}){500}` must not build a quarter-million nodes. */
export const MAX_REGEX_PROGRAM = 20_000;

export type Inst =
  | { readonly op: "char"; readonly test: (cp: string) => boolean }
  | { readonly op: "split"; x: number; y: number }
  | { readonly op: "jmp"; x: number }
  | { readonly op: "save"; readonly slot: number }
  | { readonly op: "assert"; readonly kind: Assertion }
  | { readonly op: "match" };

export interface Program {
  readonly insts: readonly Inst[];
  readonly groups: number;
  readonly multiline: boolean;
}

class Compiler {
  readonly insts: Inst[] = [];
  emit(inst: Inst): number {
    if (this.insts.length >= MAX_REGEX_PROGRAM)
      exprLimit(
        `The regular expression, its repetitions written out, takes more than ${count(MAX_REGEX_PROGRAM)} instructions`,
        MAX_REGEX_PROGRAM,
        "instructions",
      );
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

/**
 * Programs by flags and pattern (a program depends on nothing else), at most
 * `MAX_PROGRAMS`. Not a WeakMap keyed by the RegExp: each parse of `matches()` makes a
 * new RegExp, and a long-lived WeakMap's entries for young keys kept every evaluation's
 * RegExps and programs alive through scavenges until a mark-compact (as the if-block memo
 * keyed by LoadedConfig did: ddc8d04).
 */
const programs = new Map<string, Program>();
const MAX_PROGRAMS = 256;
/**
 * Bound on the instructions held by the cache, not only on its entries: 256 programs of
 * MAX_REGEX_PROGRAM instructions each (short patterns such as `(a{999}){19}` reach it)
 * held ~256 MB, twice a Workers isolate's memory. This holds ~10 programs of that size.
 */
const MAX_CACHED_INSTS = 10 * MAX_REGEX_PROGRAM;

/** Instructions held by the program cache, counted (only when a pattern is compiled). */
export function cachedInstructions(): number {
  let n = 0;
  for (const p of programs.values()) n += p.insts.length;
  return n;
}

export function programOf(re: RegExp): Program {
  const key = `${re.flags}/${re.source}`;
  const cached = programs.get(key);
  if (cached) return cached;
  const parser = new Parser(re.source === "(?:)" ? "" : re.source, re.flags);
  const ast = parser.alternation();
  const c = new Compiler();
  c.emit({ op: "save", slot: 0 });
  c.node(ast);
  c.emit({ op: "save", slot: 1 });
  c.emit({ op: "match" });
  const program = { insts: c.insts, groups: parser.groups, multiline: re.flags.includes("m") };
  if (
    programs.size >= MAX_PROGRAMS ||
    cachedInstructions() + program.insts.length > MAX_CACHED_INSTS
  ) {
    programs.clear();
  }
  programs.set(key, program);
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
