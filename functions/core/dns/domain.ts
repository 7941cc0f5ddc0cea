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
    // RFC 5321 §4.1.2 (`sub-domain`, RFC 1123 LDH): a label neither starts nor ends with "-".
    if (label.startsWith("-") || label.endsWith("-")) {
      fail(input, `the label ${JSON.stringify(label)}, which starts or ends with "-"`);
    }
  }
}

/** Normalise a user-supplied domain; throws `DnsInputError` (`invalid_domain`). */
export function normalizeDomain(input: string): string {
  if (input.length === 0) fail(input, "an empty string");
  if (input.length > MAX_INPUT_LENGTH) fail(input, `${input.length} characters`);
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

/**
 * A name as DNS itself allows it (RFC 2181 §11: a label is any octets), for the names SPF
 * macro expansion builds (RFC 7208 §7.3: `foo:bar/baz.example.com`, names with `%` or
 * spaces), which are no host names: ASCII letters lower-cased, one trailing dot dropped,
 * labels of 1–63 characters and 253 in all (RFC 1035 §2.3.4). Printable ASCII and the
 * space only: a control character or a non-ASCII one makes it `undefined`.
 */
export function wireName(input: string): string | undefined {
  const n = input.endsWith(".") ? input.slice(0, -1) : input;
  if (n.length === 0 || n.length > MAX_NAME_LENGTH) return undefined;
  let labelStart = 0;
  for (let i = 0; i <= n.length; i++) {
    const c = i < n.length ? n.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      const length = i - labelStart;
      if (length === 0 || length > MAX_LABEL_LENGTH) return undefined;
      labelStart = i + 1;
    } else if (c < 0x20 || c > 0x7e) {
      return undefined;
    }
  }
  return n.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
