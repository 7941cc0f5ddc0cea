/**
 * Stalwart's expression parser (crates/common/src/expr/parser.rs): a shunting-yard that
 * turns tokens into a postfix program. It is reproduced as Stalwart writes it, not as a
 * recursive descent, because its quirks are behaviour users meet:
 * - a missing operand is not an error (it evaluates to `''`): `1 +` is `1`;
 * - function arguments are counted, not separated: `f(a b)` has two arguments;
 * - `[` indexes only right after a variable, `)` or `]`; elsewhere it builds an array;
 * - `&&`/`||` emit a jump so they short-circuit and leave the left operand.
 *
 * Precedence, tightest first, all left-associative (unary `!`/`-` bind tighter still):
 *   `* /` (7) > `+ -` (6) > `< <= > >=` (5) > `== !=` (4) > `^` (3) > `&&` (2) > `||` (1)
 */
import { CoreError, CoreErrorCode, type SourceRange } from "../errors";
import { exprLimit, LIMITS } from "../limits";
import { binItem, INDEX_ITEM, type Item, PRECEDENCE, StackEntry, unItem, varItem } from "./program";
import type { TokenSlot, TokenTag } from "./token";
import { Tokenizer } from "./tokenizer";
import type { TokenMap } from "./types";

const ARRAY_ACCESS = "[index]";
const ARRAY_BUILD = "[build]";

function syntax(message: string, range: SourceRange): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, range);
}

/** The parser; one instance serves every parse (its state is reset, not reallocated). */
export class ShuntingYard {
  private readonly tokenizer = new Tokenizer();
  /** The program so far: `out[0..size)` (the array is reused, its tail is stale). */
  private readonly out: Item[] = [];
  private size = 0;
  /** The operator stack: `pool[0..depth)`, entries reused across parses. */
  private readonly pool: StackEntry[] = [];
  private depth = 0;
  private readonly argCount: number[] = [];
  /** Output index of the jump of each `&&`/`||` on the stack, innermost last. */
  private readonly jmps: number[] = [];
  /** (kind, name) pairs of the variables read and functions called; null: none. */
  private names: string[] | null = null;

  /** The program of `source`: a fresh array of exactly its items. */
  parse(source: string, tokens: TokenMap): Item[] {
    this.tokenizer.reset(source, tokens);
    // Emptied only when not empty already: `length = 0` is a runtime call (bench profile).
    if (this.argCount.length > 0) this.argCount.length = 0;
    if (this.jmps.length > 0) this.jmps.length = 0;
    this.depth = 0;
    this.size = 0;
    this.names = null;
    this.run();
    return this.out.slice(0, this.size);
  }

  /** The names the last parse met (its own array), or null. */
  takeNames(): string[] | null {
    const names = this.names;
    this.names = null;
    return names;
  }

  private run(): void {
    let lastIsVarOrFn = false;
    for (let tok = this.tokenizer.next(); tok; tok = this.tokenizer.next()) {
      let isVarOrFn = false;
      switch (tok.t) {
        case "var":
          this.incArgs();
          isVarOrFn = true;
          this.add(varItem(tok.name));
          this.mention("var", tok.name);
          break;
        case "const":
          this.incArgs();
          this.add({ k: "const", value: tok.value });
          break;
        case "capture":
          this.incArgs();
          this.add({ k: "capture", n: tok.n });
          break;
        case "config":
          this.incArgs();
          isVarOrFn = true;
          this.add({ k: "config", key: tok.name });
          break;
        case "un":
        case "(":
          this.pushToken(tok);
          break;
        case ")":
        case "]":
          this.close(tok);
          isVarOrFn = true;
          break;
        case "bin":
          this.binary(tok);
          break;
        case "fn":
          this.incArgs();
          this.argCount.push(0);
          this.pushCall(tok.name, tok.n, tok);
          break;
        case "regex":
          this.incArgs();
          this.argCount.push(0);
          this.pushToken(tok);
          break;
        case "[": {
          if (lastIsVarOrFn) {
            this.argCount.push(1);
            this.pushCall(ARRAY_ACCESS, 2, tok);
          } else {
            this.incArgs();
            this.argCount.push(0);
            this.pushCall(ARRAY_BUILD, 0, tok);
          }
          this.pushToken(tok);
          break;
        }
        case ",":
          this.popOperators();
          break;
      }
      lastIsVarOrFn = isVarOrFn;
    }
    for (let e = this.pop(); e; e = this.pop()) {
      if (e.t === "bin" || e.t === "un") this.emit(e);
      else syntax("Invalid token on the operator stack", { start: e.start, end: e.end });
    }
  }

  private add(item: Item): void {
    this.out[this.size++] = item;
  }

  /** A free stack entry on top of the stack (reused from an earlier parse if any). */
  private pushEntry(t: TokenTag | "call", start: number, end: number): StackEntry {
    let e = this.pool[this.depth];
    if (e === undefined) {
      e = new StackEntry();
      this.pool.push(e);
    }
    this.depth++;
    e.t = t;
    e.start = start;
    e.end = end;
    return e;
  }

  private pushToken(tok: TokenSlot): void {
    const e = this.pushEntry(tok.t, tok.start, tok.end);
    e.bop = tok.bop;
    e.uop = tok.uop;
    e.re = tok.re;
  }

  private pushCall(name: string, arity: number, at: TokenSlot): void {
    const e = this.pushEntry("call", at.start, at.end);
    e.name = name;
    e.arity = arity;
    e.re = null;
  }

  /** The top entry (valid until the next push), or undefined. */
  private top(): StackEntry | undefined {
    return this.depth > 0 ? this.pool[this.depth - 1] : undefined;
  }

  /** Pops the top entry (valid until the next push), or undefined. */
  private pop(): StackEntry | undefined {
    if (this.depth === 0) return undefined;
    this.depth--;
    return this.pool[this.depth];
  }

  /** Moves a binary/unary operator entry to the output, patching its jump. */
  private emit(e: StackEntry): void {
    if (e.t === "bin") {
      if (e.bop === "&&" || e.bop === "||") this.patchJump(this.jmps.pop());
      this.add(binItem(e.bop));
    } else if (e.t === "un") {
      this.add(unItem(e.uop));
    }
  }

  /** `,`: flush operators down to the enclosing `(` (or any non-operator). */
  private popOperators(): void {
    for (let top = this.top(); top; top = this.top()) {
      if (top.t !== "bin" && top.t !== "un") break;
      this.depth--;
      this.emit(top);
    }
  }

  /** binary := operand (op operand)*, with Stalwart's precedence climbing on the stack. */
  private binary(tok: TokenSlot): void {
    const op = tok.bop;
    const last = this.argCount.length - 1;
    if (last >= 0) this.argCount[last] = Math.max(0, (this.argCount[last] ?? 0) - 1);
    for (let top = this.top(); top; top = this.top()) {
      if (top.t === "bin") {
        if (PRECEDENCE[op] > PRECEDENCE[top.bop]) break;
      } else if (top.t !== "un") break;
      this.depth--;
      this.emit(top);
    }
    if (op === "&&" || op === "||") {
      this.add({ k: "jmp", ifTruthy: op === "||", skip: 0 });
      this.jmps.push(this.size - 1);
    }
    this.pushToken(tok);
  }

  /** `)` or `]`: unwind to the matching opener, then finish a call, index or array. */
  private close(tok: TokenSlot): void {
    const expect = tok.t === ")" ? "(" : "[";
    const tokEnd = tok.end;
    for (;;) {
      const e = this.pop();
      if (e?.t === expect) break;
      if (e?.t === "bin" || e?.t === "un") this.emit(e);
      else syntax("Mismatched parentheses", { start: tok.start, end: tokEnd });
    }
    const top = this.top();
    if (top?.t === "call") {
      const got = this.argCount.pop() ?? 0;
      // Only an error reports it: made on need, not per call.
      const range = (): SourceRange => ({ start: top.start, end: tokEnd });
      if (got !== top.arity) {
        if (top.name === ARRAY_ACCESS) syntax("Missing array index", range());
        const name = top.name === ARRAY_BUILD ? "array" : top.name;
        syntax(
          `Expression function "${name}" expected ${top.arity} arguments, got ${got}`,
          range(),
        );
      }
      this.depth--;
      if (top.name === ARRAY_ACCESS) this.add(INDEX_ITEM);
      else if (top.name === ARRAY_BUILD) {
        if (top.arity > LIMITS.arraySize)
          exprLimit("arraySize", `an array literal of ${top.arity} elements`, range());
        this.add({ k: "build", n: top.arity });
      } else {
        this.add({ k: "fn", name: top.name, args: top.arity });
        this.mention("fn", top.name);
      }
    } else if (top?.t === "regex" && top.re !== null) {
      if (this.argCount.pop() !== 1) {
        syntax('Expression function "matches" expected 2 arguments', {
          start: top.start,
          end: tokEnd,
        });
      }
      this.add({ k: "regex", re: top.re });
      this.depth--;
    }
  }

  /** Counts an operand for the innermost call; an array literal grows its arity with it. */
  private incArgs(): void {
    const last = this.argCount.length - 1;
    if (last < 0) return;
    this.argCount[last] = (this.argCount[last] ?? 0) + 1;
    const under = this.depth >= 2 ? this.pool[this.depth - 2] : undefined;
    if (under?.t === "call" && under.name === ARRAY_BUILD) under.arity++;
  }

  /** Notes a variable read or function call: (kind, name) pairs, made on first need. */
  private mention(k: "var" | "fn", name: string): void {
    if (this.names === null) this.names = [];
    this.names.push(k, name);
  }

  private patchJump(jmp: number | undefined): void {
    if (jmp === undefined) return;
    const item = this.out[jmp];
    if (item?.k === "jmp") item.skip = this.size - jmp;
  }
}
