/** misc.rs and email.rs: emptiness, numbers, IP addresses and e-mail addresses. */
import { parseIp, reverseName } from "../../ip";
import { valueToString } from "../format";
import { bool, EMPTY, str, type Value } from "../value";
import { transform, trim } from "./transform";

type Fn = (a: readonly Value[]) => Value;
const arg = (a: readonly Value[], i: number): Value => a[i] ?? EMPTY;

/** `is_empty`: `''` or `[]`; a number is never empty. */
const isEmpty: Fn = (a) => {
  const v = arg(a, 0);
  return bool(
    v.kind === "string" ? v.value === "" : v.kind === "array" ? v.value.length === 0 : false,
  );
};

/** `is_number`: true only for integers and floats (`'123'` is a string). */
const isNumber: Fn = (a) => {
  const k = arg(a, 0).kind;
  return bool(k === "integer" || k === "float");
};

const ipOf = (a: readonly Value[]) => parseIp(valueToString(arg(a, 0)));

/** Stalwart's `fn_is_email`: a byte scanner, not an RFC parser. */
function isEmail(text: string): boolean {
  const bytes = new TextEncoder().encode(text);
  let last = 0;
  let inQuote = false;
  let at = 0;
  let dots = 0;
  let localLen = 0;
  let value = 0;
  for (const ch of bytes) {
    const c = String.fromCharCode(ch);
    if (/[0-9a-zA-Z!#$%&'*+\-/=?^_`{|}~]/.test(c) || ch >= 0x7f) value++;
    else if (c === "." && !inQuote) {
      if (last !== 0x2e && last !== 0x40 && value !== 0) {
        value++;
        if (at === 1) dots++;
      } else return false;
    } else if (c === "@" && !inQuote) {
      at++;
      localLen = value;
      value = 0;
    } else if ((c === ">" || c === ":" || c === "," || c === " ") && inQuote) value++;
    else if (c === '"' && (!inQuote || last !== 0x5c)) inQuote = !inQuote;
    else if (c === "\\" && inQuote && last !== 0x5c) {
      // an escape inside quotes
    } else if (!inQuote) return false;
    last = ch;
  }
  return at === 1 && dots > 0 && localLen > 0 && value > 0;
}

/** `email_part(x, 'local'|'domain')`: split at the last `@`, trimmed; else `''`. */
const emailPart: Fn = (a) => {
  const part = valueToString(arg(a, 1));
  return transform(arg(a, 0), (s) => {
    const at = s.lastIndexOf("@");
    if (at < 0) return EMPTY;
    if (part === "local") return str(trim(s.slice(0, at)));
    if (part === "domain") return str(trim(s.slice(at + 1)));
    return EMPTY;
  });
};

export const MISC_FUNCTIONS: ReadonlyMap<string, Fn> = new Map([
  ["is_empty", isEmpty],
  ["is_number", isNumber],
  ["is_ip_addr", (a: readonly Value[]) => bool(ipOf(a) !== null)],
  ["is_ipv4_addr", (a: readonly Value[]) => bool(ipOf(a)?.family === 4)],
  ["is_ipv6_addr", (a: readonly Value[]) => bool(ipOf(a)?.family === 6)],
  [
    "ip_reverse_name",
    (a: readonly Value[]) => {
      const ip = ipOf(a);
      return ip ? str(reverseName(ip)) : EMPTY;
    },
  ],
  ["is_email", (a: readonly Value[]) => bool(isEmail(valueToString(arg(a, 0))))],
  ["email_part", emailPart],
]);
