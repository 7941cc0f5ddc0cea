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
import { type BinaryOp, type Token, Tokenizer, type UnaryOp } from "./tokenizer";
import type { Expression, TokenMap } from "./types";
import type { Value } from "./value";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./tokenizer";

/** One instruction of the postfix program. */
export type Item =
  | { readonly k: "var"; readonly name: string }
  | { readonly k: "const"; readonly value: Value }
  | { readonly k: "capture"; readonly n: number }
  | { readonly k: "config"; readonly key: string }
  | { readonly k: "un"; readonly op: UnaryOp }
  | { readonly k: "bin"; readonly op: BinaryOp }
  | { readonly k: "fn"; readonly name: string; readonly args: number }
  | { k: "jmp"; readonly ifTruthy: boolean; skip: number }
  | { readonly k: "index" }
  | { readonly k: "build"; readonly n: number }
  | { readonly k: "regex"; readonly re: RegExp };

const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  "*": 7,
  "/": 7,
  "+": 6,
  "-": 6,
  "<": 5,
  "<=": 5,
  ">": 5,
  ">=": 5,
  "==": 4,
  "!=": 4,
  "^": 3,
  "&&": 2,
  "||": 1,
};

const ARRAY_ACCESS = "[index]";
const ARRAY_BUILD = "[build]";

/** A call on the operator stack; counts arguments like Stalwart's `Token::Function`. */
interface CallEntry {
  readonly t: "call";
  readonly name: string;
  arity: number;
  readonly range: SourceRange;
}

/**
 * An operator-stack entry: the token itself (not wrapped in an object per operator), or
 * a call. A `&&`/`||` token's jump slot is on `jmps`, which pops in step with it.
 */
type StackEntry = Token | CallEntry;

/**
 * The program is kept in a private field of a module-private class, so only
 * `parseExpression` can make an Expression the evaluator accepts. Not a WeakMap (its
 * insertions, and the GC work on their ephemerons, cost more than the parse of a short
 * expression) nor a symbol-keyed property (an `in` check on every evaluation): one shape,
 * one `instanceof`, in the bench profile.
 */
class Compiled implements Expression {
  readonly #program: readonly Item[];
  /** Variables read and functions called, as the parser met them (null: none). */
  readonly #names: readonly string[] | null;
  constructor(
    readonly source: string,
    readonly items: readonly Item[],
    names: readonly string[] | null,
  ) {
    this.#program = items;
    this.#names = names;
  }
  static programOf(expr: Expression): readonly Item[] | undefined {
    return expr instanceof Compiled ? expr.#program : undefined;
  }
  static names(expr: Expression): readonly string[] | null {
    return expr instanceof Compiled ? expr.#names : null;
  }
}

/** The postfix program of an expression made by `parseExpression` (undefined otherwise). */
export function programOf(expr: Expression): readonly Item[] | undefined {
  return Compiled.programOf(expr);
}

/**
 * Whether an expression reads variable `name` (`k: "var"`) or calls function `name`
 * (`k: "fn"`): lets callers know which inputs its value can depend on. Answered from
 * the names the parser collected, not by walking the program (whose items have many
 * shapes: a walk per check was 5% of an evaluation in the bench profile).
 */
export function mentions(expr: Expression, k: "var" | "fn", name: string): boolean {
  const names = Compiled.names(expr);
  if (names === null) return false;
  for (let i = 0; i < names.length; i += 2) {
    if (names[i] === k && names[i + 1] === name) return true;
  }
  return false;
}

function syntax(message: string, range: SourceRange): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, range);
}

export function parseExpression(source: string, tokens: TokenMap): Expression {
  if (source.length > LIMITS.exprLength) {
    exprLimit("exprLength", `${source.length} characters`, {
      start: LIMITS.exprLength,
      end: source.length,
    });
  }
  const parser = new Parser(new Tokenizer(source, tokens));
  const items = parser.parse();
  return new Compiled(source, items, parser.names);
}

/**
 * Items without per-site data are immutable and shared between programs: one object per
 * operator or variable name instead of one per occurrence (the 2,000-line config parses
 * ~540 if-block branches; their allocation showed as GC time).
 */
const BIN_ITEMS = new Map<BinaryOp, Item>();
const UN_ITEMS = new Map<UnaryOp, Item>();
const VAR_ITEMS = new Map<string, Item>();
const INDEX_ITEM: Item = { k: "index" };

function binItem(op: BinaryOp): Item {
  let item = BIN_ITEMS.get(op);
  if (item === undefined) {
    item = { k: "bin", op };
    BIN_ITEMS.set(op, item);
  }
  return item;
}

function unItem(op: UnaryOp): Item {
  let item = UN_ITEMS.get(op);
  if (item === undefined) {
    item = { k: "un", op };
    UN_ITEMS.set(op, item);
  }
  return item;
}

function varItem(name: string): Item {
  let item = VAR_ITEMS.get(name);
  if (item === undefined) {
    item = { k: "var", name };
    // Names come from the context's variable list; capped all the same.
    if (VAR_ITEMS.size < 1024) VAR_ITEMS.set(name, item);
  }
  return item;
}

class Parser {
  private readonly out: Item[] = [];
  private readonly ops: StackEntry[] = [];
  private readonly argCount: number[] = [];
  /** Output index of the jump of each `&&`/`||` on `ops`, innermost last. */
  private readonly jmps: number[] = [];
  /** (kind, name) pairs of the variables read and functions called; null: none. */
  names: string[] | null = null;

  constructor(private readonly tokenizer: Tokenizer) {}

  parse(): Item[] {
    let lastIsVarOrFn = false;
    for (let tok = this.tokenizer.next(); tok; tok = this.tokenizer.next()) {
      let isVarOrFn = false;
      switch (tok.t) {
        case "var":
          this.incArgs();
          isVarOrFn = true;
          this.out.push(varItem(tok.name));
          this.mention("var", tok.name);
          break;
        case "const":
          this.incArgs();
          this.out.push({ k: "const", value: tok.value });
          break;
        case "capture":
          this.incArgs();
          this.out.push({ k: "capture", n: tok.n });
          break;
        case "config":
          this.incArgs();
          isVarOrFn = true;
          this.out.push({ k: "config", key: tok.key });
          break;
        case "un":
        case "(":
          this.ops.push(tok);
          break;
        case ")":
        case "]":
          this.close(tok);
          isVarOrFn = true;
          break;
        case "bin":
          this.binary(tok, tok.op);
          break;
        case "fn":
          this.incArgs();
          this.argCount.push(0);
          this.ops.push({ t: "call", name: tok.name, arity: tok.arity, range: tok });
          break;
        case "regex":
          this.incArgs();
          this.argCount.push(0);
          this.ops.push(tok);
          break;
        case "[": {
          if (lastIsVarOrFn) {
            this.argCount.push(1);
            this.ops.push({ t: "call", name: ARRAY_ACCESS, arity: 2, range: tok });
          } else {
            this.incArgs();
            this.argCount.push(0);
            this.ops.push({ t: "call", name: ARRAY_BUILD, arity: 0, range: tok });
          }
          this.ops.push(tok);
          break;
        }
        case ",":
          this.popOperators();
          break;
      }
      lastIsVarOrFn = isVarOrFn;
    }
    for (let e = this.ops.pop(); e; e = this.ops.pop()) {
      if (e.t === "bin" || e.t === "un") this.emit(e);
      else syntax("Invalid token on the operator stack", e.t === "call" ? e.range : e);
    }
    return this.out;
  }

  /** Moves a binary/unary operator entry to the output, patching its jump. */
  private emit(e: StackEntry): void {
    if (e.t === "bin") {
      if (e.op === "&&" || e.op === "||") this.patchJump(this.jmps.pop());
      this.out.push(binItem(e.op));
    } else if (e.t === "un") {
      this.out.push(unItem(e.op));
    }
  }

  /** `,`: flush operators down to the enclosing `(` (or any non-operator). */
  private popOperators(): void {
    for (let top = this.ops.at(-1); top; top = this.ops.at(-1)) {
      if (top.t !== "bin" && top.t !== "un") break;
      this.ops.pop();
      this.emit(top);
    }
  }

  /** binary := operand (op operand)*, with Stalwart's precedence climbing on the stack. */
  private binary(tok: Token, op: BinaryOp): void {
    const last = this.argCount.length - 1;
    if (last >= 0) this.argCount[last] = Math.max(0, (this.argCount[last] ?? 0) - 1);
    for (let top = this.ops.at(-1); top; top = this.ops.at(-1)) {
      if (top.t === "bin") {
        if (PRECEDENCE[op] > PRECEDENCE[top.op]) break;
      } else if (top.t !== "un") break;
      this.ops.pop();
      this.emit(top);
    }
    if (op === "&&" || op === "||") {
      this.out.push({ k: "jmp", ifTruthy: op === "||", skip: 0 });
      this.jmps.push(this.out.length - 1);
    }
    this.ops.push(tok);
  }

  /** `)` or `]`: unwind to the matching opener, then finish a call, index or array. */
  private close(tok: Token): void {
    const expect = tok.t === ")" ? "(" : "[";
    for (;;) {
      const e = this.ops.pop();
      if (e?.t === expect) break;
      if (e?.t === "bin" || e?.t === "un") this.emit(e);
      else syntax("Mismatched parentheses", tok);
    }
    const top = this.ops.at(-1);
    if (top?.t === "call") {
      const got = this.argCount.pop() ?? 0;
      // Only an error reports it: made on need, not per call.
      const range = (): SourceRange => ({ start: top.range.start, end: tok.end });
      if (got !== top.arity) {
        if (top.name === ARRAY_ACCESS) syntax("Missing array index", range());
        const name = top.name === ARRAY_BUILD ? "array" : top.name;
        syntax(
          `Expression function "${name}" expected ${top.arity} arguments, got ${got}`,
          range(),
        );
      }
      this.ops.pop();
      if (top.name === ARRAY_ACCESS) this.out.push(INDEX_ITEM);
      else if (top.name === ARRAY_BUILD) {
        if (top.arity > LIMITS.arraySize)
          exprLimit("arraySize", `an array literal of ${top.arity} elements`, range());
        this.out.push({ k: "build", n: top.arity });
      } else {
        this.out.push({ k: "fn", name: top.name, args: top.arity });
        this.mention("fn", top.name);
      }
    } else if (top?.t === "regex") {
      if (this.argCount.pop() !== 1) {
        syntax('Expression function "matches" expected 2 arguments', {
          start: top.start,
          end: tok.end,
        });
      }
      this.out.push({ k: "regex", re: top.re });
      this.ops.pop();
    }
  }

  /** Counts an operand for the innermost call; an array literal grows its arity with it. */
  private incArgs(): void {
    const last = this.argCount.length - 1;
    if (last < 0) return;
    this.argCount[last] = (this.argCount[last] ?? 0) + 1;
    const under = this.ops[this.ops.length - 2];
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
    if (item?.k === "jmp") item.skip = this.out.length - jmp;
  }
}
