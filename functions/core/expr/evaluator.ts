/**
 * Runs a parsed expression's postfix program (Stalwart's `Expression::eval`): a value
 * stack where a missing operand reads as `''`, `&&`/`||` jumps that leave the left
 * operand, `matches()` captures kept in `state` so an if-block's `then` can read them.
 * Synchronous: an uncached `dns_query()` throws `PendingDns`, and `evaluateAsync`
 * resolves it and evaluates again.
 */
import type { QueryType } from "../dns/types";
import { exprLimit, LIMITS } from "../limits";
import { isTruthy, toArray, toUsize } from "./coerce";
import { valueToString } from "./format";
import { ARRAY_FUNCTIONS } from "./functions/array";
import { MISC_FUNCTIONS } from "./functions/misc";
import { callServerFunction } from "./functions/server";
import { TEXT_FUNCTIONS } from "./functions/text";
import { binaryOp, unaryOp } from "./operators";
import type { Item } from "./program";
import { execBounded } from "./regex-vm";
import { type EvalEnv, type EvalState, type Expression, PendingDns } from "./types";
import { arr, EMPTY, int, str, type Value } from "./value";

export function newEvalState(): EvalState {
  return { captures: [], steps: 0 };
}

type PureFn = (args: readonly Value[]) => Value;
const PURE: ReadonlyMap<string, PureFn> = new Map<string, PureFn>([
  ...ARRAY_FUNCTIONS,
  ...MISC_FUNCTIONS,
  ...TEXT_FUNCTIONS,
]);

/** Function `name` applied to `args`: a pure one, else a server function of `env`. */
function call(name: string, args: readonly Value[], env: EvalEnv): Value {
  const pure = PURE.get(name);
  return checked(pure ? pure(args) : callServerFunction(name, args, env));
}

/** Rejects values beyond the frozen size limits as soon as an operation produces them. */
function checked(v: Value): Value {
  if (v.kind === "string" && v.value.length > LIMITS.stringLength) {
    exprLimit("stringLength", `a string of ${v.value.length} characters`);
  }
  if (v.kind === "array" && v.value.length > LIMITS.arraySize)
    exprLimit("arraySize", `an array of ${v.value.length} elements`);
  return v;
}

/** The value stack; a missing operand reads as `''` (Stalwart's quirk). */
function pop(stack: Value[]): Value {
  return stack.pop() ?? EMPTY;
}

/** The top `n` values in push order, missing ones read as `''`. */
function popN(stack: Value[], n: number): Value[] {
  const args = new Array<Value>(n);
  for (let i = n - 1; i >= 0; i--) args[i] = pop(stack);
  return args;
}

export function evaluate(expr: Expression, env: EvalEnv, state: EvalState = newEvalState()): Value {
  const items = expr.items;
  const stack: Value[] = [];
  for (let i = 0; i < items.length; i++) {
    state.steps++;
    if (state.steps > LIMITS.evalSteps) exprLimit("evalSteps", `${state.steps} steps`);
    const item = items[i];
    if (item?.k === "jmp") {
      const top = stack.at(-1);
      if ((top !== undefined && isTruthy(top)) === item.ifTruthy) i += item.skip;
    } else if (item) {
      stack.push(step(item, stack, env, state));
    }
  }
  return pop(stack);
}

/** Runs one item other than a jump: pops its operands, returns its value. */
function step(
  item: Exclude<Item, { k: "jmp" }>,
  stack: Value[],
  env: EvalEnv,
  state: EvalState,
): Value {
  switch (item.k) {
    case "var":
      return env.variable(item.name) ?? EMPTY;
    case "const":
      return item.value;
    case "capture":
      return str(state.captures[item.n] ?? "");
    case "config":
      return str(env.configGet(item.key) ?? "");
    case "un":
      return unaryOp(item.op, pop(stack));
    case "bin": {
      const right = pop(stack);
      const left = pop(stack);
      return checked(binaryOp(item.op, left, right));
    }
    case "fn":
      return call(item.name, popN(stack, item.args), env);
    case "index": {
      const index = toUsize(pop(stack)) ?? 0n;
      const list = toArray(pop(stack));
      return index < BigInt(list.length) ? (list[Number(index)] ?? EMPTY) : EMPTY;
    }
    case "build":
      return checked(arr(popN(stack, item.n)));
    case "regex": {
      state.captures.length = 0;
      const m = execBounded(item.re, valueToString(pop(stack)), state);
      if (m) for (const g of m) state.captures.push(g ?? "");
      return int(state.captures.length > 0 ? 1n : 0n);
    }
  }
}

/**
 * Evaluates, resolving each `dns_query()` the expression needs: on `PendingDns` it awaits
 * `resolve(name, type)` (which must fill the cache behind `env.dnsLookup`) and starts
 * over from the captures and step count `state` had on entry. At most LIMITS.dohQueries
 * lookups.
 */
export async function evaluateAsync(
  expr: Expression,
  env: EvalEnv,
  resolve: (name: string, type: QueryType) => Promise<void>,
  state: EvalState = newEvalState(),
): Promise<Value> {
  const captures = [...state.captures];
  const steps = state.steps;
  for (let round = 0; ; round++) {
    state.captures = [...captures];
    state.steps = steps;
    try {
      return evaluate(expr, env, state);
    } catch (e) {
      if (!(e instanceof PendingDns)) throw e;
      if (round >= LIMITS.dohQueries)
        exprLimit("dohQueries", `more DNS lookups for dns_query() (next: ${e.type} ${e.name})`);
      await resolve(e.name, e.type);
    }
  }
}
