/**
 * The pieces of the postfix program the parser emits (Stalwart's `ExpressionItem`), the
 * operator precedence it climbs by, and the operator-stack entries it reuses.
 */
import type { BinaryOp, TokenTag, UnaryOp } from "./token";
import type { Value } from "./value";

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

/**
 * Items without per-site data are immutable and shared between programs: one object per
 * operator or variable name instead of one per occurrence (the 2,000-line config parses
 * ~540 if-block branches; their allocation showed as GC time).
 */
const BIN_ITEMS = new Map<BinaryOp, Item>();
const UN_ITEMS = new Map<UnaryOp, Item>();
const VAR_ITEMS = new Map<string, Item>();
export const INDEX_ITEM: Item = { k: "index" };

export function binItem(op: BinaryOp): Item {
  return BIN_ITEMS.get(op) ?? shared(BIN_ITEMS, op, { k: "bin", op });
}

export function unItem(op: UnaryOp): Item {
  return UN_ITEMS.get(op) ?? shared(UN_ITEMS, op, { k: "un", op });
}

export function varItem(name: string): Item {
  return VAR_ITEMS.get(name) ?? shared(VAR_ITEMS, name, { k: "var", name });
}

/**
 * Keeps `item` as the shared one for `key`. Operators are a fixed few; variable names
 * come from the context's variable list, capped all the same.
 */
function shared<K>(items: Map<K, Item>, key: K, item: Item): Item {
  if (items.size < 1024) items.set(key, item);
  return item;
}

/**
 * An operator-stack entry: a copy of the token's fields that the parser needs (`un`, `(`,
 * `bin`, `regex`, `[`), or a call (`name`, `arity`, counted like Stalwart's
 * `Token::Function`, over `start..end`). Entries are pooled and reused by every parse
 * (none allocated per operator); a `&&`/`||` token's jump slot is on `jmps`, which
 * pops in step with it.
 */
export class StackEntry {
  t: TokenTag | "call" = "(";
  bop: BinaryOp = "+";
  uop: UnaryOp = "!";
  name = "";
  arity = 0;
  re: RegExp | null = null;
  start = 0;
  end = 0;
}
