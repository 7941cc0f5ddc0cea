/**
 * Expressions as Stalwart parses them (crates/common/src/expr/parser.rs): the postfix
 * program made by the shunting-yard (shunting-yard.ts) from the tokenizer's tokens.
 */
import { count, exprLimit, LIMITS } from "../limits";
import { shuntingYard } from "./shunting-yard";
import type { Expression, TokenMap } from "./types";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./catalog";
export type { Item } from "./program";

export function parseExpression(source: string, tokens: TokenMap): Expression {
  if (source.length > LIMITS.exprLength) {
    const found = `The expression is ${count(source.length)} characters long`;
    exprLimit(found, LIMITS.exprLength, "characters", {
      start: LIMITS.exprLength,
      end: source.length,
    });
  }
  const { items, names } = shuntingYard(source, tokens);
  return { source, items, names };
}

/**
 * Whether an expression reads variable `name` (`k: "var"`) or calls function `name`
 * (`k: "fn"`): lets callers know which inputs its value can depend on.
 */
export function mentions(expr: Expression, k: "var" | "fn", name: string): boolean {
  const names = expr.names;
  for (let i = 0; i < names.length; i += 2) {
    if (names[i] === k && names[i + 1] === name) return true;
  }
  return false;
}

/** The (kind, name) pairs an expression mentions (`Expression.names`). */
export function namesOf(expr: Expression): readonly string[] {
  return expr.names;
}

/** The string an expression is when it is one string literal (`'mx'`), else undefined. */
export function stringLiteral(expr: Expression): string | undefined {
  const [only] = expr.items;
  return expr.items.length === 1 && only?.k === "const" && only.value.kind === "string"
    ? only.value.value
    : undefined;
}
