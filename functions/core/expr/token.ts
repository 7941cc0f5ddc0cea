/**
 * The tokens Stalwart's expression tokenizer yields (crates/common/src/expr/mod.rs,
 * `Token`), each with the source range of the text it came from.
 */
import { CoreError, CoreErrorCode, type SourceRange } from "../errors";
import { EMPTY, type Value } from "./value";

export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "&&"
  | "||"
  | "^"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">=";
export type UnaryOp = "!" | "neg";

export type TokenKind =
  | { readonly t: "var"; readonly name: string }
  | { readonly t: "const"; readonly value: Value }
  | { readonly t: "capture"; readonly n: number }
  | { readonly t: "config"; readonly key: string }
  | { readonly t: "fn"; readonly name: string; readonly arity: number }
  | { readonly t: "regex"; readonly re: RegExp }
  | { readonly t: "bin"; readonly op: BinaryOp }
  | { readonly t: "un"; readonly op: UnaryOp }
  | { readonly t: "(" | ")" | "[" | "]" | "," };
export type Token = TokenKind & SourceRange;

export type TokenTag = TokenKind["t"];

/**
 * The tokenizer's current token, kept in fields it overwrites: no object per token (the
 * 2,000-line config parses ~1,100 expressions; their token objects showed as GC time in
 * the bench profile). Which fields mean something depends on `t`, as in `TokenKind`:
 * `name` for var/fn (and the key of config), `value` for const, `n` for capture (and the
 * arity of fn), `bop`/`uop` for bin/un, `re` for regex. Valid until the next `next()`.
 */
export class TokenSlot {
  t: TokenTag = ",";
  start = 0;
  end = 0;
  name = "";
  value: Value = EMPTY;
  n = 0;
  bop: BinaryOp = "+";
  uop: UnaryOp = "!";
  re: RegExp | null = null;

  set(t: TokenTag, start: number, end: number): void {
    this.t = t;
    this.start = start;
    this.end = end;
  }
}

/** A tokenizer syntax error (`expr_syntax`) over `start..end`. */
export function syntax(message: string, start: number, end: number): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, { start, end });
}
