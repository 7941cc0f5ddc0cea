/**
 * SPF macros (RFC 7208 §7): a macro-string read once, with its syntax errors, when the
 * record is parsed, and expanded per check with the check's values.
 */
import type { ParsedIp } from "../ip";
import type { MacroPart, MacroString } from "./types";

/** §7.2: letters of domain-specs; `c`, `r` and `t` only in explanation text (§7.1/8). */
const LETTERS = "slodiphv";
const EXP_LETTERS = "slodiphvcrt";
/** Longest explanation we expand (it ends up in a log line or an SMTP reply). */
export const MAX_EXPLANATION = 1024;
/** §7.3 truncation keeps at most this much of a domain name. */
const MAX_DOMAIN = 253;

export interface MacroSyntaxError {
  readonly message: string;
  /** Offset in the parsed text. */
  readonly offset: number;
}

export interface ParsedMacroString {
  readonly parts: MacroString;
  /** The last piece is a macro-expand: a domain-spec may end there (§7.1 domain-end). */
  readonly endsWithExpand: boolean;
}

/**
 * macro-string = *( macro-expand / macro-literal )
 * macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 * macro-literal = %x21-24 / %x26-7E; explanation text also allows SP (§6.2 explain-string)
 * and the letters c, r, t. `transformers = *DIGIT [ "r" ]`, the digits non-zero.
 */
export function parseMacroString(
  text: string,
  explanation: boolean,
): ParsedMacroString | MacroSyntaxError {
  const parts: MacroPart[] = [];
  let literal = "";
  let endsWithExpand = false;
  const flush = () => {
    if (literal.length > 0) parts.push({ kind: "literal", text: literal });
    literal = "";
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c !== 37 /* % */) {
      const visible = c >= 0x21 && c <= 0x7e;
      if (!visible && !(explanation && c === 0x20)) {
        return { message: `${describeChar(text[i] ?? "")} is not allowed here`, offset: i };
      }
      literal += text[i];
      endsWithExpand = false;
      i++;
      continue;
    }
    const next = text[i + 1];
    const shorthand = next === "%" ? "%" : next === "_" ? " " : next === "-" ? "%20" : undefined;
    if (shorthand !== undefined) {
      literal += shorthand;
      endsWithExpand = true;
      i += 2;
      continue;
    }
    if (next !== "{") {
      const found = next === undefined ? "the end" : JSON.stringify(next);
      return { message: `"%" must be followed by "{", "%", "_" or "-", found ${found}`, offset: i };
    }
    const macro = readMacro(text, i, explanation);
    if ("message" in macro) return macro;
    flush();
    parts.push(macro.part);
    endsWithExpand = true;
    i = macro.end;
  }
  flush();
  return { parts, endsWithExpand };
}

/** `%{` letter transformers *delimiter `}` starting at `at` (the "%"). */
function readMacro(
  text: string,
  at: number,
  explanation: boolean,
): { part: MacroPart; end: number } | MacroSyntaxError {
  const close = text.indexOf("}", at + 2);
  if (close < 0) return { message: `"%{" without a closing "}"`, offset: at };
  const body = text.slice(at + 2, close);
  // §7.1: delimiter = "." / "-" / "+" / "," / "/" / "_" / "=".
  const m = /^([A-Za-z])([0-9]*)([rR]?)([.\-+,/_=]*)$/.exec(body);
  const raw = m?.[1] ?? body.charAt(0);
  const letter = raw.toLowerCase();
  if (!m || !(explanation ? EXP_LETTERS : LETTERS).includes(letter)) {
    const allowed = (explanation ? EXP_LETTERS : LETTERS).split("").join(" ");
    const message = !m
      ? `"%{${body}}" is not a macro (expected %{<letter>[digits][r][delimiters]})`
      : EXP_LETTERS.includes(letter)
        ? `the macro letter ${JSON.stringify(raw)} is for explanation text only (here: ${allowed})`
        : `${JSON.stringify(raw)} is not a macro letter (expected one of ${allowed})`;
    return { message, offset: at };
  }
  const digits = m[2] ?? "";
  if (digits !== "" && Number(digits) === 0) {
    return { message: `"%{${body}}" keeps zero parts (the digits must be non-zero)`, offset: at };
  }
  return {
    part: {
      kind: "macro",
      letter,
      escape: raw !== letter,
      keep: digits === "" ? 0 : Number(digits),
      reverse: (m[3] ?? "") !== "",
      delimiters: m[4] || ".",
    },
    end: close + 1,
  };
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `the character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Whether expanding needs `%{p}`, the validated name (a DNS lookup of its own, §7.3). */
export function usesValidatedName(parts: MacroString): boolean {
  return parts.some((p) => p.kind === "macro" && p.letter === "p");
}

/** The values macros expand to, for one check (§7.3). */
export interface MacroValues {
  readonly local: string;
  readonly senderDomain: string;
  /** The current domain: changes with include and redirect. */
  readonly domain: string;
  readonly ip: ParsedIp;
  readonly helo: string;
  /** `%{p}`, when the string uses it; else "unknown". */
  readonly validated?: string;
  /** Seconds since the epoch. */
  readonly now: () => number;
}

/** §7.3: every octet outside unreserved (ALPHA DIGIT - . _ ~) as %XX of its UTF-8. */
function urlEscape(s: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch)
      ? ch
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** §7.3 "i": dotted quad, or the 32 IPv6 nibbles dot-separated (upper case, as §7.4 shows). */
function dotted(ip: ParsedIp): string {
  if (ip.family === 4) return ip.canonical;
  const nibbles: string[] = [];
  for (const b of ip.bytes) nibbles.push((b >> 4).toString(16), (b & 15).toString(16));
  return nibbles.join(".").toUpperCase();
}

function letterValue(letter: string, v: MacroValues): string {
  switch (letter) {
    case "s":
      return `${v.local}@${v.senderDomain}`;
    case "l":
      return v.local;
    case "o":
      return v.senderDomain;
    case "d":
      return v.domain;
    case "i":
      return dotted(v.ip);
    case "p":
      return v.validated ?? "unknown";
    case "v":
      return v.ip.family === 4 ? "in-addr" : "ip6";
    case "h":
      return v.helo;
    case "c":
      return v.ip.canonical;
    case "r":
      // The receiving host's domain: nothing receives mail here (§7.3 allows "unknown").
      return "unknown";
    default:
      return String(Math.floor(v.now()));
  }
}

/** One macro: split on its delimiters, reverse, keep the right-hand parts, rejoin with ".". */
function expandOne(part: Extract<MacroPart, { kind: "macro" }>, v: MacroValues): string {
  let pieces = [""];
  for (const ch of letterValue(part.letter, v)) {
    if (part.delimiters.includes(ch)) pieces.push("");
    else pieces[pieces.length - 1] += ch;
  }
  if (part.reverse) pieces.reverse();
  if (part.keep > 0 && part.keep < pieces.length) pieces = pieces.slice(-part.keep);
  const value = pieces.join(".");
  return part.escape ? urlEscape(value) : value;
}

/**
 * A domain-spec expanded into a name to query (§7.3): the trailing dot dropped and, past
 * 253 characters, labels removed from the left. Built from the right, so a record of
 * thousands of macros costs no more than the 253 characters it can yield.
 */
export function expandDomain(parts: MacroString, v: MacroValues): string {
  let out = "";
  for (let i = parts.length - 1; i >= 0 && out.length <= MAX_DOMAIN + 1; i--) {
    const p = parts[i];
    if (p) out = (p.kind === "literal" ? p.text : expandOne(p, v)) + out;
  }
  if (out.endsWith(".")) out = out.slice(0, -1);
  while (out.length > MAX_DOMAIN) {
    const dot = out.indexOf(".");
    out = dot < 0 ? "" : out.slice(dot + 1);
  }
  return out;
}

/** Explanation text expanded (§6.2), cut at MAX_EXPLANATION characters. */
export function expandText(parts: MacroString, v: MacroValues): string {
  let out = "";
  for (const p of parts) {
    if (out.length > MAX_EXPLANATION) break;
    out += p.kind === "literal" ? p.text : expandOne(p, v);
  }
  return out.slice(0, MAX_EXPLANATION);
}
