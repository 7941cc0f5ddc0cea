/**
 * One term of an SPF record (RFC 7208 §4.6.1, §5, §6, ABNF in §12): a directive
 * (`[qualifier] mechanism`) or a modifier (`name=macro-string`). Every argument is checked
 * here, so a syntax error anywhere in the record is found before evaluation (§4.6).
 */
import { parseIp } from "../ip";
import { parseMacroString } from "./macro";
import type { Directive, MacroString, MechanismName, Modifier, Qualifier } from "./types";

export interface TermError {
  readonly message: string;
  /** Offsets in the record. */
  readonly start: number;
  readonly end: number;
}

const MECHANISMS: readonly MechanismName[] = [
  "all",
  "include",
  "a",
  "mx",
  "ptr",
  "ip4",
  "ip6",
  "exists",
];

/**
 * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 */
const TOPLABEL = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;
/** ip4-cidr-length = "/" ( "0" / %x31-39 0*1DIGIT ); ip6 likewise with up to 3 digits. */
const CIDR = /^(?:0|[1-9][0-9]*)$/;
/** `[domain] [ "/" ip4-cidr ] [ "//" ip6-cidr ]`: the domain is the shortest prefix that fits. */
const DUAL_CIDR = /^(.*?)(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/s;

/**
 * domain-spec = macro-string domain-end
 * domain-end  = ( "." toplabel [ "." ] ) / macro-expand
 */
function domainSpec(text: string, at: number, what: string): MacroString | TermError {
  if (text === "") {
    return { message: `${what} needs a domain-spec`, start: at, end: at };
  }
  const parsed = parseMacroString(text, false);
  if ("message" in parsed) {
    return { message: parsed.message, start: at + parsed.offset, end: at + parsed.offset + 1 };
  }
  if (!parsed.endsWithExpand) {
    const bare = text.endsWith(".") ? text.slice(0, -1) : text;
    const dot = bare.lastIndexOf(".");
    const top = bare.slice(dot + 1);
    if (dot < 0 || !TOPLABEL.test(top)) {
      return {
        message: `domain-spec ${JSON.stringify(text)} must end in "." and a top-level label (letters, digits, inner "-", not all digits) or in a macro; found ${dot < 0 ? "no dot" : JSON.stringify(top)}`,
        start: at,
        end: at + text.length,
      };
    }
  }
  return parsed.parts;
}

function cidr(digits: string | undefined, max: number, at: number): number | undefined | TermError {
  if (digits === undefined) return undefined;
  const n = Number(digits);
  if (!CIDR.test(digits) || n > max) {
    return {
      message: `prefix length "/${digits}" must be 0–${max} without leading zeros`,
      start: at,
      end: at + digits.length + 1,
    };
  }
  return n;
}

type Args = Pick<Directive, "target" | "network" | "cidr4" | "cidr6">;

/** The arguments `rest` (at offset `at`) are wrong. */
const argError = (message: string, rest: string, at: number): TermError => ({
  message,
  start: at,
  end: at + rest.length,
});

/** `a` and `mx`: `[ ":" domain-spec ] [ dual-cidr-length ]`. */
function hostArgs(name: string, rest: string, at: number): Args | TermError {
  const colon = rest.startsWith(":");
  const m = DUAL_CIDR.exec(colon ? rest.slice(1) : rest);
  const spec = m?.[1] ?? "";
  if (!m || (!colon && spec !== "")) {
    return argError(
      `"${name}" takes ":domain" and "/cidr", found ${JSON.stringify(rest)}`,
      rest,
      at,
    );
  }
  const target = colon ? domainSpec(spec, at + 1, `"${name}:"`) : undefined;
  if (target !== undefined && "message" in target) return target;
  const c4 = cidr(m[2], 32, at + rest.indexOf(`/${m[2]}`));
  if (c4 !== undefined && typeof c4 !== "number") return c4;
  const c6 = cidr(m[3], 128, at + rest.lastIndexOf(`/${m[3]}`));
  if (c6 !== undefined && typeof c6 !== "number") return c6;
  return { target, cidr4: c4, cidr6: c6 };
}

/** `ip4` / `ip6`: `":" network [ "/" cidr ]` (§5.6; no dual CIDR, no omitted octets). */
function networkArgs(name: "ip4" | "ip6", rest: string, at: number): Args | TermError {
  const m = /^:([^/]*)(?:\/([^/]*))?$/.exec(rest);
  const family = name === "ip4" ? 4 : 6;
  const network = m ? parseIp(m[1] ?? "") : null;
  if (!m || network?.family !== family) {
    const example = family === 4 ? "192.0.2.0/24" : "2001:db8::/32";
    return argError(
      `"${name}" needs an IPv${family} network like "${name}:${example}", found ${JSON.stringify(rest)}`,
      rest,
      at,
    );
  }
  const length = cidr(m[2], family === 4 ? 32 : 128, at + rest.indexOf("/"));
  if (length !== undefined && typeof length !== "number") return length;
  return family === 4 ? { network, cidr4: length } : { network, cidr6: length };
}

function mechanismArgs(name: MechanismName, rest: string, at: number): Args | TermError {
  switch (name) {
    case "all":
      return rest === ""
        ? {}
        : argError(`"all" takes no argument, found ${JSON.stringify(rest)}`, rest, at);
    case "include":
    case "exists": {
      if (!rest.startsWith(":")) {
        return argError(`"${name}" needs ":" and a domain-spec`, rest, at);
      }
      const target = domainSpec(rest.slice(1), at + 1, `"${name}:"`);
      return "message" in target ? target : { target };
    }
    case "ptr": {
      if (rest === "") return {};
      if (!rest.startsWith(":")) {
        return argError(`"ptr" takes only ":domain", found ${JSON.stringify(rest)}`, rest, at);
      }
      const target = domainSpec(rest.slice(1), at + 1, `"ptr:"`);
      return "message" in target ? target : { target };
    }
    case "a":
    case "mx":
      return hostArgs(name, rest, at);
    case "ip4":
    case "ip6":
      return networkArgs(name, rest, at);
  }
}

/** name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), then "=". */
const MODIFIER = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;

function parseModifier(token: string, start: number, name: string): Modifier | TermError {
  const lower = name.toLowerCase();
  const raw = token.slice(name.length + 1);
  const at = start + name.length + 1;
  let value: MacroString;
  if (lower === "redirect" || lower === "exp") {
    const spec = domainSpec(raw, at, `"${lower}="`);
    if ("message" in spec) return spec;
    value = spec;
  } else {
    // Unknown modifiers are ignored, but their macro-string must still parse (§6, A/3).
    const parsed = parseMacroString(raw, false);
    if ("message" in parsed) {
      return { message: parsed.message, start: at + parsed.offset, end: at + parsed.offset + 1 };
    }
    value = parsed.parts;
  }
  return { kind: "modifier", name: lower, value, text: token, start, end: start + token.length };
}

/** One space-separated term of the record, starting at offset `start`. */
export function parseTerm(token: string, start: number): Directive | Modifier | TermError {
  const modifier = MODIFIER.exec(token);
  if (modifier) return parseModifier(token, start, modifier[1] ?? "");
  const first = token.charAt(0);
  const qualified = first === "+" || first === "-" || first === "~" || first === "?";
  const qualifier: Qualifier = qualified ? first : "+";
  const body = qualified ? token.slice(1) : token;
  const name = (/^[A-Za-z0-9]*/.exec(body)?.[0] ?? "").toLowerCase();
  const mechanism = MECHANISMS.find((m) => m === name);
  if (mechanism === undefined) {
    return {
      message: `unknown mechanism ${JSON.stringify(name || body)} (expected ${MECHANISMS.join(", ")} or a modifier name=value)`,
      start,
      end: start + token.length,
    };
  }
  const at = start + (qualified ? 1 : 0) + name.length;
  const args = mechanismArgs(mechanism, body.slice(name.length), at);
  if ("message" in args) return args;
  return {
    kind: "directive",
    qualifier,
    mechanism,
    text: token,
    start,
    end: start + token.length,
    ...args,
  };
}
