/**
 * The SPF record of a name: chosen among its TXT records (RFC 7208 §4.5) and read whole
 * (§4.6), so that a syntax error anywhere is a permerror even after a term that matches.
 */
import { parseTerm } from "./terms";
import type { Directive, Modifier, SpfProblem, SpfRecord } from "./types";
import { SpfProblemCode } from "./types";

/** §4.5: "v=spf1" (any case), then a space or the end; "v=spf10" is not one. */
function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

export type Selection =
  | { readonly kind: "none" }
  | { readonly kind: "one"; readonly text: string }
  | { readonly kind: "many"; readonly count: number };

/** §4.5: the TXT records of a name (strings already joined, §3.3) → its SPF record. */
export function selectRecord(texts: readonly string[]): Selection {
  const spf = texts.filter(isSpfRecord);
  if (spf.length === 0) return { kind: "none" };
  if (spf.length > 1) return { kind: "many", count: spf.length };
  return { kind: "one", text: spf[0] ?? "" };
}

function problem(
  domain: string,
  code: SpfProblemCode,
  message: string,
  start: number,
  end: number,
  text: string,
): SpfProblem {
  const term = text.slice(start, end);
  return { code, message, domain, start, end, ...(term ? { term } : {}) };
}

/** The first character outside printable ASCII: §3.1 (7-bit ASCII), §4.6.1 (SP separates). */
function badCharacter(domain: string, text: string): SpfProblem | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    const hex = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    const [code, what] =
      c > 0x7e
        ? [SpfProblemCode.NonAscii, `the non-ASCII character ${hex}: SPF records are 7-bit ASCII`]
        : [
            SpfProblemCode.Syntax,
            `the control character ${hex}: terms are separated by spaces only`,
          ];
    const start = text.lastIndexOf(" ", i) + 1;
    const space = text.indexOf(" ", i);
    const message = `The SPF record of ${domain} contains ${what} (RFC 7208 §3.1, §4.6.1).`;
    return problem(domain, code, message, start, space < 0 ? text.length : space, text);
  }
  return undefined;
}

/** Reads every term of `text` (a selected record of `domain`) or says what is wrong. */
export function parseRecord(domain: string, text: string): SpfRecord | SpfProblem {
  const bad = badCharacter(domain, text);
  if (bad) return bad;
  const directives: Directive[] = [];
  const modifiers = new Map<string, Modifier>();
  // record = version terms *SP; terms = *( 1*SP ( directive / modifier ) )
  const re = / +([^ ]+)/g;
  re.lastIndex = "v=spf1".length;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const token = m[1] ?? "";
    const start = m.index + m[0].length - token.length;
    const term = parseTerm(token, start);
    if ("message" in term) {
      const message = `The SPF record of ${domain} has a syntax error in ${JSON.stringify(token)}: ${term.message}.`;
      return problem(domain, SpfProblemCode.Syntax, message, start, start + token.length, text);
    }
    if (term.kind === "directive") {
      directives.push(term);
      continue;
    }
    if ((term.name === "redirect" || term.name === "exp") && modifiers.has(term.name)) {
      const message = `The SPF record of ${domain} has "${term.name}=" twice; it may appear once (RFC 7208 §6).`;
      return problem(domain, SpfProblemCode.Syntax, message, term.start, term.end, text);
    }
    modifiers.set(term.name, term);
  }
  const redirect = modifiers.get("redirect");
  const exp = modifiers.get("exp");
  return {
    text,
    directives,
    ...(redirect ? { redirect } : {}),
    ...(exp ? { exp } : {}),
  };
}
