/**
 * The postfix program the parser emits (Stalwart's `ExpressionItem`) and the operator
 * precedence it climbs by.
 */
import type { BinaryOp, UnaryOp } from "./token";
import type { Value } from "./value";

/** One instruction of the postfix program. */
export type Item =
  | { readonly k: "var"; readonly name: string }
  | { readonly k: "const"; readonly value: Value }
  | { readonly k: "capture"; readonly n: number }
  | { readonly k: "config"; readonly key: string }
  | { readonly k: "system"; readonly variable: string }
  | { readonly k: "un"; readonly op: UnaryOp }
  | { readonly k: "bin"; readonly op: BinaryOp }
  | { readonly k: "fn"; readonly name: string; readonly args: number }
  /** `&&`/`||`: skip `skip` items when the top of the stack is (not) truthy. */
  | { readonly k: "jmp"; readonly ifTruthy: boolean; skip: number }
  | { readonly k: "index" }
  | { readonly k: "build"; readonly n: number }
  | { readonly k: "regex"; readonly re: RegExp };

export const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
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
