/**
 * The tokens Stalwart's expression tokenizer yields (crates/common/src/expr/mod.rs,
 * `Token`), each with the source range of the text it came from.
 */
import { CoreError, CoreErrorCode, type SourceRange } from "../errors";
import type { Value } from "./value";

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

/** Stalwart's `Token`, with the source range of the text it came from. */
export type Token = (
  | { readonly t: "var"; readonly name: string }
  | { readonly t: "const"; readonly value: Value }
  | { readonly t: "capture"; readonly n: number }
  | { readonly t: "config"; readonly key: string }
  /** v0.16 `system('hostname')`, `metric('delivery.attempt-time')` (`metric:<name>`). */
  | { readonly t: "system"; readonly variable: string }
  | { readonly t: "fn"; readonly name: string; readonly arity: number }
  | { readonly t: "regex"; readonly re: RegExp }
  | { readonly t: "bin"; readonly op: BinaryOp }
  | { readonly t: "un"; readonly op: UnaryOp }
  | { readonly t: "(" | ")" | "[" | "]" | "," }
) &
  SourceRange;

/** A tokenizer syntax error (`expr_syntax`) over `start..end`. */
export function syntax(message: string, start: number, end: number): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, { start, end });
}

export const binToken = (op: BinaryOp, at: number, length: number): Token => ({
  t: "bin",
  op,
  start: at,
  end: at + length,
});
