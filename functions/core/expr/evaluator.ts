/**
 * Runs a parsed expression's postfix program (Stalwart's `Expression::eval`): a value
 * stack where a missing operand reads as `''`, `&&`/`||` jumps that leave the left
 * operand, `matches()` captures kept in `state` so an if-block's `then` can read them.
 * Synchronous: an uncached `dns_query()` throws `PendingDns`, and `evaluateAsync`
 * resolves it and evaluates again.
 */

import type { QueryType } from "../dns/types";
import { CoreError, CoreErrorCode } from "../errors";
import { exprLimit, LIMITS } from "../limits";
import { isTruthy, toArray, toUsize } from "./coerce";
import { valueToString } from "./format";
import { ARRAY_FUNCTIONS } from "./functions/array";
import { MISC_FUNCTIONS } from "./functions/misc";
import { callServerFunction } from "./functions/server";
import { TEXT_FUNCTIONS } from "./functions/text";
import { binaryOp, unaryOp } from "./operators";
import { type Item, programOf } from "./parser";
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

/**
 * The value stack, one for every evaluation: no function evaluates an expression, so
 * evaluations never nest, and it is reset per evaluation instead of an array allocated
 * per call (~1,100 evaluations per plan of the 2,000-line config: GC work in the bench
 * profile). Slots above `sp` keep stale values until overwritten.
 */
class ValueStack {
  private readonly slots: Value[] = [];
  private sp = 0;

  reset(): void {
    this.sp = 0;
  }

  push(v: Value): void {
    this.slots[this.sp++] = v;
  }

  /** The top, popped; a missing operand reads as `''` (Stalwart's quirk). */
  pop(): Value {
    return this.sp > 0 ? (this.slots[--this.sp] ?? EMPTY) : EMPTY;
  }

  top(): Value | undefined {
    return this.sp > 0 ? this.slots[this.sp - 1] : undefined;
  }

  /** The top `n` values in push order, missing ones read as `''`. */
  popN(n: number): Value[] {
    const args = new Array<Value>(n);
    for (let i = n - 1; i >= 0; i--) args[i] = this.pop();
    return args;
  }
}

const STACK = new ValueStack();

export function evaluate(expr: Expression, env: EvalEnv, state: EvalState = newEvalState()): Value {
  const items = programOf(expr);
  if (!items)
    throw new CoreError(
      CoreErrorCode.ExprSyntax,
      "Expression was not produced by parseExpression()",
    );
  if (items.length === 3 && isCompareOrCall(items) && state.steps + 3 <= LIMITS.evalSteps) {
    state.steps += 3;
    return compareOrCall(items, env);
  }
  const stack = STACK;
  stack.reset();
  for (let i = 0; i < items.length; i++) {
    state.steps++;
    if (state.steps > LIMITS.evalSteps) exprLimit("evalSteps", `${state.steps} steps`);
    const item = items[i];
    if (!item) break;
    switch (item.k) {
      case "var":
        stack.push(env.variable(item.name) ?? EMPTY);
        break;
      case "const":
        stack.push(item.value);
        break;
      case "capture":
        stack.push(str(state.captures[item.n] ?? ""));
        break;
      case "config":
        stack.push(str(env.configGet(item.key) ?? ""));
        break;
      case "un":
        stack.push(unaryOp(item.op, stack.pop()));
        break;
      case "bin": {
        const right = stack.pop();
        const left = stack.pop();
        stack.push(checked(binaryOp(item.op, left, right)));
        break;
      }
      case "fn": {
        stack.push(call(item.name, stack.popN(item.args), env));
        break;
      }
      case "jmp": {
        const top = stack.top();
        if ((top !== undefined && isTruthy(top)) === item.ifTruthy) i += item.skip;
        break;
      }
      case "index": {
        const index = toUsize(stack.pop()) ?? 0n;
        const list = toArray(stack.pop());
        stack.push(index < BigInt(list.length) ? (list[Number(index)] ?? EMPTY) : EMPTY);
        break;
      }
      case "build":
        stack.push(checked(arr(stack.popN(item.n))));
        break;
      case "regex": {
        state.captures.length = 0;
        const m = execBounded(item.re, valueToString(stack.pop()), state);
        if (m) for (const g of m) state.captures.push(g ?? "");
        stack.push(int(state.captures.length > 0 ? 1n : 0n));
        break;
      }
    }
  }
  return stack.pop();
}

/**
 * The programs of most if-block conditions, `[var, const, bin]` (`rcpt_domain == 'x'`)
 * and `[var, const, fn/2]` (`ends_with(sender_domain, 'x')`), run without the value
 * stack: the same calls in the same order as the loop of `evaluate` makes for them (the
 * planner evaluates hundreds per plan of the 2,000-line config: bench profile). The
 * caller checks the shape (isCompareOrCall) and counts the 3 steps.
 */
function isCompareOrCall(items: readonly Item[]): boolean {
  const c = items[2];
  return (
    items[0]?.k === "var" &&
    items[1]?.k === "const" &&
    (c?.k === "bin" || (c?.k === "fn" && c.args === 2))
  );
}

function compareOrCall(items: readonly Item[], env: EvalEnv): Value {
  const a = items[0];
  const b = items[1];
  const c = items[2];
  const left = a?.k === "var" ? (env.variable(a.name) ?? EMPTY) : EMPTY;
  const right = b?.k === "const" ? b.value : EMPTY;
  if (c?.k === "bin") return checked(binaryOp(c.op, left, right));
  if (c?.k !== "fn") return EMPTY; // not reached: isCompareOrCall
  return call(c.name, [left, right], env);
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
