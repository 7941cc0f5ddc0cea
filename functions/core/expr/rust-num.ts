/**
 * Rust's number parsing and printing, which Stalwart's coercions rely on:
 * `str::parse::<i64>()`, `::<u64>()`, `::<f64>()` and `f64`'s `Display` (never an exponent).
 */
import { I64_MAX, I64_MIN } from "./value";

const U64_MAX = 2n ** 64n - 1n;

/** `s.parse::<i64>()`: optional sign, ASCII digits only, in range. */
export function parseI64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s.startsWith("+") ? s.slice(1) : s);
  return n < I64_MIN || n > I64_MAX ? null : n;
}

/** `s.parse::<u64>()` / `::<usize>()` (64-bit): optional `+`, ASCII digits, in range. */
export function parseU64(s: string): bigint | null {
  if (!/^\+?[0-9]+$/.test(s)) return null;
  const n = BigInt(s.startsWith("+") ? s.slice(1) : s);
  return n > U64_MAX ? null : n;
}

/** `s.parse::<f64>()`: decimal with optional dot/exponent, or inf/infinity/nan (any case). */
export function parseF64(s: string): number | null {
  const m =
    /^([+-]?)(?:(inf|infinity|nan)|((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?))$/i.exec(s);
  if (!m) return null;
  const sign = m[1] === "-" ? -1 : 1;
  const word = m[2]?.toLowerCase();
  if (word === "nan") return Number.NaN;
  if (word !== undefined) return sign * Number.POSITIVE_INFINITY;
  return sign * Number(m[3]);
}

/** `i64 as f64` (round to nearest, ties to even). */
export function i64ToF64(n: bigint): number {
  return Number(n);
}

/** `f64 as i64`: truncates, saturates at the bounds, NaN is 0. */
export function f64ToI64(f: number): bigint {
  if (Number.isNaN(f)) return 0n;
  if (f >= 2 ** 63) return I64_MAX;
  if (f <= -(2 ** 63)) return I64_MIN;
  return BigInt(Math.trunc(f));
}

/** `f64 as usize` (64-bit): truncates, negatives and NaN are 0, saturates at u64::MAX. */
export function f64ToU64(f: number): bigint {
  if (Number.isNaN(f) || f <= 0) return 0n;
  if (f >= 2 ** 64) return U64_MAX;
  return BigInt(Math.trunc(f));
}

/** `i64 as usize` (64-bit): two's-complement reinterpretation, so -1 is u64::MAX. */
export function i64ToU64(n: bigint): bigint {
  return BigInt.asUintN(64, n);
}

/**
 * `f64`'s Display: the shortest digits that round-trip (as JS), but always positional:
 * `2.0` → `2`, `1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`, `inf`, `NaN`, `-0`.
 */
export function formatF64(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Number.POSITIVE_INFINITY) return "inf";
  if (f === Number.NEGATIVE_INFINITY) return "-inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const sign = f < 0 ? "-" : "";
  const [mantissa = "0", expText = "0"] = Math.abs(f).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  let text: string;
  if (exp >= digits.length - 1) {
    text = digits + "0".repeat(exp - (digits.length - 1));
  } else if (exp >= 0) {
    text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else {
    text = `0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return sign + text;
}
