/**
 * Runs `matches()` patterns without backtracking, within the evaluation step budget.
 *
 * Stalwart compiles patterns with Rust's `regex` crate, whose matching time is linear in
 * the subject. JS RegExp backtracks: `a*a*b`, `(a|a)*b` or even `a*b` against a long
 * subject can spin for seconds or minutes, far beyond a Worker's CPU limit. So the
 * pattern compiled by `compileRustRegex` (a RegExp, which validated its syntax) is turned
 * into a small program and run by a Pike VM (Thompson NFA simulation with captures,
 * leftmost-first like Rust's engine). Every instruction a thread visits is charged to the
 * request's meter, so no pattern and no subject can run longer than the budget.
 * Single-character atoms (classes, escapes, `.`) are tested with a one-character RegExp
 * of the same flags, so their meaning stays exactly the translated one.
 */
import type { Meter } from "../meter";
import { COST } from "./cost";
import type { Assertion } from "./regex-ast";
import { type Program, programOf } from "./regex-compiler";

export { checkRegexProgram, MAX_REGEX_PROGRAM } from "./regex-compiler";

/** Rust's `\b` is Unicode-aware: a word character is `\w`'s (see regex.ts). */
const WORD_CHAR = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]$/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch);

interface Thread {
  readonly pc: number;
  readonly caps: readonly number[];
}

/**
 * Leftmost-first search of `re` in `subject`, like `RegExp.exec` (captures as strings or
 * `undefined`), charging `meter` for each instruction visited.
 */
export function execBounded(
  re: RegExp,
  subject: string,
  meter: Meter,
): (string | undefined)[] | null {
  const prog = programOf(re);
  const chars = re.flags.includes("u") ? [...subject] : subject.split("");
  const matched = new PikeVm(prog, chars, meter).run();
  if (matched === null) return null;
  // offsets[k]: index in `subject` where character k starts.
  const offsets: number[] = [0];
  for (const ch of chars) offsets.push((offsets[offsets.length - 1] ?? 0) + ch.length);
  const out: (string | undefined)[] = [];
  for (let g = 0; g <= prog.groups; g++) {
    const a = matched[2 * g] ?? -1;
    const b = matched[2 * g + 1] ?? -1;
    out.push(a < 0 || b < 0 ? undefined : subject.slice(offsets[a], offsets[b]));
  }
  return out;
}

/** One search: the thread lists of a Thompson simulation over `chars`, with captures. */
class PikeVm {
  constructor(
    private readonly prog: Program,
    private readonly chars: readonly string[],
    private readonly meter: Meter,
  ) {}

  /** The capture slots of the leftmost-first match, or null. */
  run(): readonly number[] | null {
    const empty: number[] = new Array<number>(2 * (this.prog.groups + 1)).fill(-1);
    let matched: readonly number[] | null = null;
    let current: Thread[] = [];
    let currentSeen = new Set<number>();
    for (let k = 0; k <= this.chars.length; k++) {
      // A new search may start here, at lowest priority, until something matched.
      if (matched === null) this.add(current, currentSeen, 0, empty, k);
      if (current.length === 0) {
        if (matched !== null) break;
        currentSeen = new Set<number>();
        continue;
      }
      const next: Thread[] = [];
      const nextSeen = new Set<number>();
      const ch = this.chars[k];
      for (const t of current) {
        this.step();
        const inst = this.prog.insts[t.pc];
        if (inst?.op === "match") {
          matched = t.caps;
          break; // lower-priority threads lose (leftmost-first)
        }
        if (inst?.op === "char" && ch !== undefined && inst.test(ch)) {
          this.add(next, nextSeen, t.pc + 1, t.caps, k + 1);
        }
      }
      current = next;
      currentSeen = nextSeen;
    }
    return matched;
  }

  private step(): void {
    this.meter.charge(COST.regexStep, "a regular expression");
  }

  /** Follows jumps, splits, saves and assertions from `pc0` at position k, in priority order. */
  private add(list: Thread[], seen: Set<number>, pc0: number, caps0: readonly number[], k: number) {
    const stack: Thread[] = [{ pc: pc0, caps: caps0 }];
    for (let t = stack.pop(); t !== undefined; t = stack.pop()) {
      const { pc, caps } = t;
      if (seen.has(pc)) continue;
      seen.add(pc);
      this.step();
      const inst = this.prog.insts[pc];
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
          if (this.holds(inst.kind, k)) stack.push({ pc: pc + 1, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  }

  private holds(kind: Assertion, k: number): boolean {
    const prev = this.chars[k - 1];
    const next = this.chars[k];
    switch (kind) {
      case "bot":
        return k === 0;
      case "eot":
        return k === this.chars.length;
      case "bol":
        return k === 0 || (this.prog.multiline && prev === "\n");
      case "eol":
        return k === this.chars.length || (this.prog.multiline && next === "\n");
      case "word":
        return isWord(prev) !== isWord(next);
      case "notword":
        return isWord(prev) === isWord(next);
    }
  }
}
