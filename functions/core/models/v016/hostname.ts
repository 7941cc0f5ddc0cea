/**
 * Stalwart's `Hostname` string validator (crates/registry/src/types/string.rs @v0.16.18):
 * an IP address is kept as written; anything else must pass `sanitize_domain`
 * (crates/utils/src/lib.rs:377-431), which removes whitespace, lower-cases, converts an
 * internationalised name to its A-label form and checks `is_valid_domain`.
 *
 * `is_valid_domain` asks the Public Suffix List (the `psl` crate) whether the name ends in
 * a known suffix; the playground carries no copy of the list, so a last label of letters
 * (or an `xn--` A-label) stands for a known suffix, next to Stalwart's reserved TLDs.
 */
import { parseIp } from "../../ip";

/** `RESERVED_TLDS` of `is_valid_domain`. */
const RESERVED_TLDS = new Set([
  "test",
  "localhost",
  "local",
  "internal",
  "lan",
  "home",
  "corp",
  "intranet",
  "private",
  "localdomain",
]);

/** Rust's `char::is_alphanumeric`: Alphabetic or a Numeric general category. */
const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;

/** The value Stalwart stores for `value`, or undefined when it refuses it. */
export function hostnameValue(value: string): string | undefined {
  if (parseIp(value) !== null) return value;
  const domain = sanitizeDomain(value);
  return domain !== undefined && isValidDomain(domain) ? domain : undefined;
}

function sanitizeDomain(value: string): string | undefined {
  let result = "";
  let foundDot = false;
  let last = "\0";
  let ascii = true;
  for (const ch of value) {
    if (/^\s$/u.test(ch)) continue;
    if (ch === ".") {
      foundDot = true;
      if (!(ALPHANUMERIC.test(last) || last === "-" || last === "_")) return undefined;
    } else if (ch > "\u007f") {
      ascii = false;
    }
    last = ch;
    result += ch.toLowerCase();
  }
  if (!foundDot || last === ".") return undefined;
  return ascii ? result : toAscii(result);
}

/** IDNA to-ASCII, as the `idna` crate does it, through the platform's URL parser. */
function toAscii(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

function isValidDomain(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf(".") + 1);
  return (
    RESERVED_TLDS.has(domain) ||
    RESERVED_TLDS.has(tld) ||
    /^[a-z]{2,63}$/.test(tld) ||
    /^xn--[a-z0-9-]+$/.test(tld)
  );
}
