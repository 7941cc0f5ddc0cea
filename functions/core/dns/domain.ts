/**
 * Domain-name normalisation for everything we send to a resolver: the recipient domain,
 * what-if record names and `dns_query()` names. Output is the ASCII (A-label) form,
 * lower-case, without the trailing dot — the form `Resolver.lookup` expects.
 *
 * IDNA is done by the platform's WHATWG URL host parser (UTS #46 ToASCII), which workerd,
 * Node and browsers all implement; because that parser also accepts things that are not
 * DNS names (IPv4 shorthand like `0x7f.1`, percent-escapes, `!`), the input is checked
 * before AND after it.
 */
import { DnsInputError, DnsInputErrorCode } from "./errors";

/** RFC 1035 §2.3.4: 255 octets on the wire = 253 characters in text without the root dot. */
export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;
/** Refuse absurd input before handing it to the URL parser. */
const MAX_INPUT_LENGTH = 1024;

function fail(input: string, found: string): never {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  throw new DnsInputError(
    DnsInputErrorCode.InvalidDomain,
    `Invalid domain ${JSON.stringify(shown)}: found ${found}, expected a DNS name like "example.com"`,
  );
}

/**
 * WHATWG "ends in a number": the URL parser reads such hosts as IPv4 (`1.2.3` is
 * `1.2.0.3`, `0x7f.1` is `127.0.0.1`), so we refuse them as IP literals.
 */
function endsInNumber(labels: readonly string[]): boolean {
  const last = labels[labels.length - 1] ?? "";
  return /^[0-9]+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
}

function checkLabels(input: string, name: string): void {
  if (name.length > MAX_NAME_LENGTH) {
    fail(input, `a name of ${name.length} characters (at most ${MAX_NAME_LENGTH})`);
  }
  for (const label of name.split(".")) {
    if (label.length === 0) fail(input, "an empty label");
    if (label.length > MAX_LABEL_LENGTH) {
      fail(input, `a label of ${label.length} characters (at most ${MAX_LABEL_LENGTH})`);
    }
  }
}

/**
 * True when `input` is only `[A-Za-z0-9_.-]` and no label starts with `xn--`. For such
 * names (what nearly everyone types) none of the refusals before IDNA can apply except
 * the root name, empty labels and a numeric last label, and UTS #46 ToASCII as the URL
 * parser runs it (no STD3 rules, no hyphen or DNS-length checks) only lower-cases: so the
 * URL parser, a tenth of a what-if record's cost in the bench profile, is skipped.
 * Anything else (non-ASCII, A-labels to validate, odd characters) takes the full path.
 */
function isPlainAscii(input: string): boolean {
  let labelStart = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 46 /* . */) {
      labelStart = i + 1;
      continue;
    }
    const ok =
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (!ok) return false;
    // `xn--` (any case) at a label start: an A-label the URL parser must decode and check.
    if (
      c === 45 &&
      i === labelStart + 3 &&
      input.charCodeAt(i - 1) === 45 &&
      (input.charCodeAt(i - 2) | 0x20) === 110 /* n */ &&
      (input.charCodeAt(i - 3) | 0x20) === 120 /* x */
    )
      return false;
  }
  return true;
}

/** Normalise a user-supplied domain; throws `DnsInputError` (`invalid_domain`). */
export function normalizeDomain(input: string): string {
  if (input.length === 0) fail(input, "an empty string");
  if (input.length > MAX_INPUT_LENGTH) fail(input, `${input.length} characters`);
  if (isPlainAscii(input)) return plainName(input);
  refuseNonNames(input);
  if (input === ".") fail(input, "the root name");

  const bare = input.endsWith(".") ? input.slice(0, -1) : input;
  const rawLabels = bare.split(".");
  if (rawLabels.some((l) => l.length === 0)) fail(input, "an empty label");
  if (endsInNumber(rawLabels)) fail(input, "an IP address");

  let host: string;
  try {
    host = new URL(`http://${bare}`).hostname;
  } catch {
    fail(input, "a name that IDNA (UTS #46) cannot convert to ASCII");
  }
  host = host.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.length === 0) fail(input, "an empty name");
  if (host.startsWith("[")) fail(input, "an IPv6 literal");
  const labels = host.split(".");
  // Unicode dots (U+3002 …) map to "." only during conversion: check again afterwards.
  checkLabels(input, host);
  if (endsInNumber(labels)) fail(input, "an IP address");
  const bad = /[^a-z0-9_.-]/.exec(host);
  if (bad) fail(input, `the character ${JSON.stringify(bad[0])}`);
  return host;
}

/**
 * `normalizeDomain` of an `isPlainAscii` input, in one pass and without the URL parser:
 * the same refusals in the same order (root name, empty label, numeric last label, name
 * length, label length); the rest cannot apply to these characters.
 */
function plainName(input: string): string {
  if (input === ".") fail(input, "the root name");
  const end = input.charCodeAt(input.length - 1) === 46 ? input.length - 1 : input.length;
  let labelStart = 0;
  let longLabel = -1;
  for (let i = 0; i <= end; i++) {
    if (i < end && input.charCodeAt(i) !== 46 /* . */) continue;
    const length = i - labelStart;
    if (length === 0) fail(input, "an empty label");
    if (length > MAX_LABEL_LENGTH && longLabel < 0) longLabel = length;
    if (i < end) labelStart = i + 1;
  }
  if (numericLabel(input, labelStart, end)) fail(input, "an IP address");
  if (end > MAX_NAME_LENGTH)
    fail(input, `a name of ${end} characters (at most ${MAX_NAME_LENGTH})`);
  if (longLabel >= 0) {
    fail(input, `a label of ${longLabel} characters (at most ${MAX_LABEL_LENGTH})`);
  }
  return (end === input.length ? input : input.slice(0, end)).toLowerCase();
}

/** `endsInNumber` for the label `s[from..to)`: all digits, or `0x` and hex digits. */
function numericLabel(s: string, from: number, to: number): boolean {
  let digits = true;
  for (let i = from; i < to && digits; i++) {
    const c = s.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) return to > from;
  if (to - from < 2 || s.charCodeAt(from) !== 48 || (s.charCodeAt(from + 1) | 0x20) !== 120) {
    return false;
  }
  for (let i = from + 2; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** What the URL parser would accept but is no DNS name: refused before IDNA. */
function refuseNonNames(input: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) fail(input, "a URL scheme");
  if (/\s/.test(input)) fail(input, "whitespace");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(input)) fail(input, "a control character");
  if (input.includes("@")) fail(input, `"@" (userinfo or an email address)`);
  if (input.includes("[") || input.includes("]")) fail(input, "an IPv6 literal");
  if (input.includes(":")) fail(input, `":" (a port or an IPv6 address)`);
  if (/[/\\?#]/.test(input)) fail(input, "a path, query or fragment");
  if (input.includes("%")) fail(input, `"%" (percent-encoding)`);
}

/**
 * Lower-case and strip the trailing dot of a name that came from DNS (already ASCII).
 * The root name stays ".": RFC 7505 null MX is the exchange ".".
 */
export function dnsName(name: string): string {
  const lower = name.toLowerCase();
  if (lower === "." || lower === "") return ".";
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
