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
import { count, exprLimit, LIMITS } from "../limits";
import { type Item, PRECEDENCE } from "./program";
import type { Token } from "./token";
import { Tokenizer } from "./tokenizer";
import type { TokenMap } from "./types";

/** Stalwart's `Token::Function` on the operator stack: a call, an index or an array. */
interface Call {
  readonly t: "call";
  readonly name: string;
  /** Arguments expected; an array literal's grows with each element. */
  arity: number;
  readonly start: number;
  readonly end: number;
}
type Entry = Token | Call;

/** Stalwart's messages for extra arguments after a literal that the tokenizer read. */
const LITERAL_ARITY = {
  regex: 'Expression function "matches" expected 2 arguments',
  config: 'Expression function "config_get" expected 1 argument',
  system: "Expression function expected 1 argument",
} as const;

const ARRAY_ACCESS = "[index]";
const ARRAY_BUILD = "[build]";

function syntax(message: string, range: SourceRange): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, range);
}

/** The postfix program of `source`, and the variables and functions it mentions. */
export function shuntingYard(
  source: string,
  tokens: TokenMap,
): { readonly items: Item[]; readonly names: string[] } {
  const parser = new Parser(new Tokenizer(source, tokens));
  parser.run();
  return { items: parser.out, names: parser.names };
}

class Parser {
  readonly out: Item[] = [];
  /** (kind, name) pairs of the variables read and functions called. */
  readonly names: string[] = [];
  private readonly stack: Entry[] = [];
  /** Operands counted for each open call, innermost last. */
  private readonly argCount: number[] = [];
  /** Output index of the jump of each `&&`/`||` on the stack, innermost last. */
  private readonly jmps: number[] = [];

  constructor(private readonly tokenizer: Tokenizer) {}

  run(): void {
    let lastIsVarOrFn = false;
    for (let tok = this.tokenizer.next(); tok; tok = this.tokenizer.next()) {
      lastIsVarOrFn = this.token(tok, lastIsVarOrFn);
    }
    for (let e = this.stack.pop(); e; e = this.stack.pop()) {
      if (e.t === "bin" || e.t === "un") this.emit(e);
      else syntax("Invalid token on the operator stack", { start: e.start, end: e.end });
    }
  }

  /** One token; returns whether it was a variable, `)` or `]` (then `[` indexes). */
  private token(tok: Token, lastIsVarOrFn: boolean): boolean {
    switch (tok.t) {
      case "var":
        this.operand({ k: "var", name: tok.name });
        this.names.push("var", tok.name);
        return true;
      case "const":
        this.operand({ k: "const", value: tok.value });
        return false;
      case "capture":
        this.operand({ k: "capture", n: tok.n });
        return false;
      case "un":
      case "(":
        this.stack.push(tok);
        return false;
      case ")":
      case "]":
        this.close(tok);
        return true;
      case "bin":
        this.binary(tok);
        return false;
      case "fn":
        this.incArgs();
        this.argCount.push(0);
        this.stack.push({ t: "call", name: tok.name, arity: tok.arity, ...range(tok) });
        return false;
      case "regex":
      case "config":
      case "system":
        this.incArgs();
        this.argCount.push(0);
        this.stack.push(tok);
        return false;
      case "[":
        if (lastIsVarOrFn) {
          this.argCount.push(1);
          this.stack.push({ t: "call", name: ARRAY_ACCESS, arity: 2, ...range(tok) });
        } else {
          this.incArgs();
          this.argCount.push(0);
          this.stack.push({ t: "call", name: ARRAY_BUILD, arity: 0, ...range(tok) });
        }
        this.stack.push(tok);
        return false;
      case ",":
        this.popOperators();
        return false;
    }
  }

  private operand(item: Item): void {
    this.incArgs();
    this.out.push(item);
  }

  /** Moves an operator to the output; a `&&`/`||` also patches its jump to land here. */
  private emit(e: Entry): void {
    if (e.t === "bin") {
      if (e.op === "&&" || e.op === "||") {
        const jmp = this.jmps.pop();
        const item = jmp === undefined ? undefined : this.out[jmp];
        if (jmp !== undefined && item?.k === "jmp") item.skip = this.out.length - jmp;
      }
      this.out.push({ k: "bin", op: e.op });
    } else if (e.t === "un") {
      this.out.push({ k: "un", op: e.op });
    }
  }

  /** `,`: flush operators down to the enclosing `(` (or any non-operator). */
  private popOperators(): void {
    for (
      let top = this.stack.at(-1);
      top?.t === "bin" || top?.t === "un";
      top = this.stack.at(-1)
    ) {
      this.stack.pop();
      this.emit(top);
    }
  }

  /** binary := operand (op operand)*, with Stalwart's precedence climbing on the stack. */
  private binary(tok: Token & { t: "bin" }): void {
    const last = this.argCount.length - 1;
    if (last >= 0) this.argCount[last] = Math.max(0, (this.argCount[last] ?? 0) - 1);
    for (let top = this.stack.at(-1); top; top = this.stack.at(-1)) {
      if (top.t === "bin") {
        if (PRECEDENCE[tok.op] > PRECEDENCE[top.op]) break;
      } else if (top.t !== "un") break;
      this.stack.pop();
      this.emit(top);
    }
    if (tok.op === "&&" || tok.op === "||") {
      this.out.push({ k: "jmp", ifTruthy: tok.op === "||", skip: 0 });
      this.jmps.push(this.out.length - 1);
    }
    this.stack.push(tok);
  }

  /** `)` or `]`: unwind to the matching opener, then finish a call, index or array. */
  private close(tok: Token): void {
    const expect = tok.t === ")" ? "(" : "[";
    for (;;) {
      const e = this.stack.pop();
      if (e?.t === expect) break;
      if (e?.t === "bin" || e?.t === "un") this.emit(e);
      else syntax("Mismatched parentheses", range(tok));
    }
    const top = this.stack.at(-1);
    if (top?.t === "call") {
      this.stack.pop();
      this.finishCall(top, this.argCount.pop() ?? 0, { start: top.start, end: tok.end });
    } else if (top?.t === "regex" || top?.t === "config" || top?.t === "system") {
      // `matches(`, `config_get(`, `system(` and `metric(` read their literal themselves:
      // one argument or none may follow (parser.rs Token::Regex / Setting / System).
      if (this.argCount.pop() !== (top.t === "regex" ? 1 : 0))
        syntax(LITERAL_ARITY[top.t], { start: top.start, end: tok.end });
      this.stack.pop();
      this.out.push(
        top.t === "regex"
          ? { k: "regex", re: top.re }
          : top.t === "config"
            ? { k: "config", key: top.key }
            : { k: "system", variable: top.variable },
      );
    }
  }

  private finishCall(call: Call, got: number, at: SourceRange): void {
    if (got !== call.arity) {
      if (call.name === ARRAY_ACCESS) syntax("Missing array index", at);
      const name = call.name === ARRAY_BUILD ? "array" : call.name;
      syntax(`Expression function "${name}" expected ${call.arity} arguments, got ${got}`, at);
    }
    if (call.name === ARRAY_ACCESS) this.out.push({ k: "index" });
    else if (call.name === ARRAY_BUILD) {
      if (call.arity > LIMITS.arraySize)
        exprLimit(
          `The array literal has ${count(call.arity)} elements`,
          LIMITS.arraySize,
          "elements",
          at,
        );
      this.out.push({ k: "build", n: call.arity });
    } else {
      this.out.push({ k: "fn", name: call.name, args: call.arity });
      this.names.push("fn", call.name);
    }
  }

  /** Counts an operand for the innermost call; an array literal grows its arity with it. */
  private incArgs(): void {
    const last = this.argCount.length - 1;
    if (last < 0) return;
    this.argCount[last] = (this.argCount[last] ?? 0) + 1;
    const under = this.stack.at(-2);
    if (under?.t === "call" && under.name === ARRAY_BUILD) under.arity++;
  }
}

function range(tok: SourceRange): SourceRange {
  return { start: tok.start, end: tok.end };
}
