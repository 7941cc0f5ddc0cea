/** Stalwart's operators on values (`op_add` & co. in crates/common/src/expr/eval.rs). */
import { compareValues, isTruthy, type NumValue, parseNumber, valuesEqual } from "./coerce";
import { valueDisplay } from "./format";
import { i64ToF64 } from "./rust-num";
import type { BinaryOp, UnaryOp } from "./token";
import { arr, bool, float, int, saturate, str, type Value } from "./value";

type Num = NumValue;
const asF = (v: Num): number => (v.kind === "integer" ? i64ToF64(v.value) : v.value);

/** Integer op (saturating) when both are integers, float op otherwise. */
function arith(
  a: Num,
  b: Num,
  i: (x: bigint, y: bigint) => bigint,
  f: (x: number, y: number) => number,
): Value {
  if (a.kind === "integer" && b.kind === "integer") return int(saturate(i(a.value, b.value)));
  return float(f(asF(a), asF(b)));
}

const isNum = (v: Value): v is Num => v.kind === "integer" || v.kind === "float";
const numeric = (v: Value): Num => parseNumber(v);

/**
 * `+`: numbers add; arrays concatenate or take the other operand as an element; a
 * non-empty string concatenates (with Display text), `''` yields the other operand.
 */
function add(a: Value, b: Value): Value {
  if (isNum(a) && isNum(b))
    return arith(
      a,
      b,
      (x, y) => x + y,
      (x, y) => x + y,
    );
  if (a.kind === "array" && b.kind === "array") return arr([...a.value, ...b.value]);
  if (a.kind === "array") return arr([...a.value, b]);
  if (b.kind === "array") return arr([a, ...b.value]);
  if (a.kind === "string") return a.value !== "" ? str(a.value + valueDisplay(b)) : b;
  if (b.kind === "string") return b.value !== "" ? str(valueDisplay(a) + b.value) : a;
  return a;
}

/** `-`: numbers subtract; with an array, removes the elements equal (`==`) to the other. */
function subtract(a: Value, b: Value): Value {
  if (isNum(a) && isNum(b))
    return arith(
      a,
      b,
      (x, y) => x - y,
      (x, y) => x - y,
    );
  if (a.kind === "array") return arr(a.value.filter((v) => !valuesEqual(v, b)));
  if (b.kind === "array") return arr(b.value.filter((v) => !valuesEqual(v, a)));
  return subtract(numeric(a), numeric(b));
}

function multiply(a: Value, b: Value): Value {
  if (isNum(a) && isNum(b))
    return arith(
      a,
      b,
      (x, y) => x * y,
      (x, y) => x * y,
    );
  return multiply(numeric(a), numeric(b));
}

/** `/` always gives a float; dividing by zero gives 0.0. */
function divide(a: Value, b: Value): Value {
  if (isNum(a) && isNum(b)) {
    const d = asF(b);
    const zero = b.kind === "integer" ? b.value === 0n : d === 0;
    return float(zero ? 0 : asF(a) / d);
  }
  return divide(numeric(a), numeric(b));
}

export function binaryOp(op: BinaryOp, a: Value, b: Value): Value {
  switch (op) {
    case "+":
      return add(a, b);
    case "-":
      return subtract(a, b);
    case "*":
      return multiply(a, b);
    case "/":
      return divide(a, b);
    case "&&":
      return bool(isTruthy(a) && isTruthy(b));
    case "||":
      return bool(isTruthy(a) || isTruthy(b));
    case "^":
      return bool(isTruthy(a) !== isTruthy(b));
    case "==":
      return bool(valuesEqual(a, b));
    case "!=":
      return bool(!valuesEqual(a, b));
    case "<":
      return bool(compareValues(a, b) === -1);
    case "<=": {
      const c = compareValues(a, b);
      return bool(c === -1 || c === 0);
    }
    case ">":
      return bool(compareValues(a, b) === 1);
    case ">=": {
      const c = compareValues(a, b);
      return bool(c === 1 || c === 0);
    }
  }
}

export function unaryOp(op: UnaryOp, v: Value): Value {
  if (op === "!") return bool(!isTruthy(v));
  const n = numeric(v);
  return n.kind === "integer" ? int(saturate(-n.value)) : float(-n.value);
}
