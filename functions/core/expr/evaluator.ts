/**
 * Runs a parsed expression's postfix program (Stalwart's `Expression::eval`): a value
 * stack where a missing operand reads as `''`, `&&`/`||` jumps that leave the left
 * operand, `matches()` captures kept in `state` so an if-block's `then` can read them.
 * Synchronous: an uncached `dns_query()` throws `PendingDns`, and `evaluateAsync`
 * resolves it and evaluates again.
 */
import type { QueryType } from "../dns/types";
import { count, exprLimit, LIMITS } from "../limits";
import { Meter } from "../meter";
import { isTruthy, toArray, toUsize } from "./coerce";
import { COST, callWork, chargeSize, sizeOf } from "./cost";
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

/** A fresh state; `meter` is the request's, else the evaluation gets a budget of its own. */
export function newEvalState(meter: Meter = new Meter()): EvalState {
  return { captures: [], meter };
}

type PureFn = (args: readonly Value[]) => Value;
const PURE: ReadonlyMap<string, PureFn> = new Map<string, PureFn>([
  ...ARRAY_FUNCTIONS,
  ...MISC_FUNCTIONS,
  ...TEXT_FUNCTIONS,
]);

/**
 * Function `name` applied to `args`: a pure one, else a server function of `env`. Its
 * work is charged before it runs, its result's size after.
 */
function call(name: string, args: readonly Value[], env: EvalEnv, meter: Meter): Value {
  let work = callWork(name, args, meter);
  for (const a of args) work += sizeOf(a, meter.budget);
  meter.charge(work, "a function call");
  const pure = PURE.get(name);
  const result = checked(pure ? pure(args) : callServerFunction(name, args, env));
  chargeSize(meter, result, "a function's result");
  return result;
}

/** Rejects values beyond the frozen size limits as soon as an operation produces them. */
function checked(v: Value): Value {
  if (v.kind === "string" && v.value.length > LIMITS.stringLength) {
    const found = `The expression builds a string of ${count(v.value.length)} characters`;
    exprLimit(found, LIMITS.stringLength, "characters");
  }
  if (v.kind === "array" && v.value.length > LIMITS.arraySize) {
    const found = `The expression builds an array of ${count(v.value.length)} elements`;
    exprLimit(found, LIMITS.arraySize, "elements");
  }
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

/**
 * Runs the program. Its work is charged to the request's meter (`env.meter`), else to the
 * state's own.
 */
export function evaluate(expr: Expression, env: EvalEnv, state: EvalState = newEvalState()): Value {
  const meter = env.meter ?? state.meter;
  const items = expr.items;
  const stack: Value[] = [];
  for (let i = 0; i < items.length; i++) {
    meter.charge(COST.item, "an expression step");
    const item = items[i];
    if (item?.k === "jmp") {
      const top = stack.at(-1);
      if ((top !== undefined && isTruthy(top)) === item.ifTruthy) i += item.skip;
    } else if (item) {
      stack.push(step(item, stack, env, state, meter));
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
  meter: Meter,
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
    case "system":
      return env.system?.(item.variable) ?? EMPTY;
    case "un": {
      const operand = pop(stack);
      chargeSize(meter, operand, "an operator");
      return unaryOp(item.op, operand);
    }
    case "bin": {
      const right = pop(stack);
      const left = pop(stack);
      meter.charge(sizeOf(left, meter.budget) + sizeOf(right, meter.budget), "an operator");
      const result = checked(binaryOp(item.op, left, right));
      chargeSize(meter, result, "an operator's result");
      return result;
    }
    case "fn":
      return call(item.name, popN(stack, item.args), env, meter);
    case "index": {
      const index = toUsize(pop(stack)) ?? 0n;
      const list = toArray(pop(stack));
      return index < BigInt(list.length) ? (list[Number(index)] ?? EMPTY) : EMPTY;
    }
    case "build": {
      const list = checked(arr(popN(stack, item.n)));
      chargeSize(meter, list, "an array");
      return list;
    }
    case "regex": {
      state.captures.length = 0;
      const subject = valueToString(pop(stack));
      meter.charge(subject.length, "a regular expression's subject");
      const m = execBounded(item.re, subject, meter);
      if (m) for (const g of m) state.captures.push(g ?? "");
      return int(state.captures.length > 0 ? 1n : 0n);
    }
  }
}

/** What goes over the lookup limit of `dns_query()`, with the lookup that would have. */
export function tooManyLookups(next?: string): string {
  const over = `dns_query() needs more than ${count(LIMITS.dohQueries)} DNS lookups`;
  return next === undefined ? over : `${over} (the next: ${next})`;
}

/**
 * Evaluates, resolving each `dns_query()` the expression needs: on `PendingDns` it awaits
 * `resolve(name, type)` (which must fill the cache behind `env.dnsLookup`) and starts
 * over from the captures `state` had on entry (the work of every round is charged). At
 * most LIMITS.dohQueries lookups.
 */
export async function evaluateAsync(
  expr: Expression,
  env: EvalEnv,
  resolve: (name: string, type: QueryType) => Promise<void>,
  state: EvalState = newEvalState(),
): Promise<Value> {
  const captures = [...state.captures];
  for (let round = 0; ; round++) {
    state.captures = [...captures];
    try {
      return evaluate(expr, env, state);
    } catch (e) {
      if (!(e instanceof PendingDns)) throw e;
      if (round >= LIMITS.dohQueries)
        exprLimit(tooManyLookups(`${e.type} ${e.name}`), LIMITS.dohQueries, "lookups");
      await resolve(e.name, e.type);
    }
  }
}
