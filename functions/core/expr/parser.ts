/**
 * Expressions as Stalwart parses them (crates/common/src/expr/parser.rs): the postfix
 * program made by the shunting-yard (shunting-yard.ts), or directly for the simple forms
 * most config values take (simple-forms.ts), kept where only this module can make one.
 */
import { exprLimit, LIMITS } from "../limits";
import type { Item } from "./program";
import { ShuntingYard } from "./shunting-yard";
import { simpleForm } from "./simple-forms";
import { TokenSlot } from "./token";
import type { Expression, TokenMap } from "./types";

export type { Item } from "./program";
export { ALL_VARIABLES, FUNCTION_ARITY } from "./tokenizer";

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

/** The (kind, name) pairs `mentions` answers from, in parse order (null: none). */
export function namesOf(expr: Expression): readonly string[] | null {
  return Compiled.names(expr);
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

export function parseExpression(source: string, tokens: TokenMap): Expression {
  if (source.length > LIMITS.exprLength) {
    exprLimit("exprLength", `${source.length} characters`, {
      start: LIMITS.exprLength,
      end: source.length,
    });
  }
  const simple = simpleForm(source, tokens, SLOT);
  if (simple !== null) return new Compiled(source, simple, simpleNames(simple));
  // One parser and tokenizer for every parse (synchronous, never re-entered): their
  // state and stacks are reset instead of allocated per expression.
  const items = PARSER.parse(source, tokens);
  return new Compiled(source, items, PARSER.takeNames());
}

/**
 * The names a simple form's program mentions, in the parser's order: its items are in
 * source order, and the parser notes a variable as it reads it and a call as it closes
 * (after its arguments), which is where the `fn` item sits.
 */
function simpleNames(items: readonly Item[]): string[] | null {
  // A simple form reads at most one variable, then calls at most one function: the
  // names array is made at its exact size (a pushed-to `[]` grows a 17-slot store,
  // for each of ~1,100 expressions of the 2,000-line config: bench allocation profile).
  let v: string | undefined;
  let f: string | undefined;
  for (const item of items) {
    if (item.k === "var") v = item.name;
    else if (item.k === "fn") f = item.name;
  }
  if (v === undefined) return f === undefined ? null : ["fn", f];
  return f === undefined ? ["var", v] : ["var", v, "fn", f];
}

/**
 * The general reading's program and names, bypassing the simple forms: for the property
 * test that the two readings agree.
 */
export function generalProgram(
  source: string,
  tokens: TokenMap,
): { items: Item[]; names: string[] | null } {
  const items = PARSER.parse(source, tokens);
  return { items, names: PARSER.takeNames() };
}

const PARSER = new ShuntingYard();
/** The slot `simpleForm` classifies a word into. */
const SLOT = new TokenSlot();
