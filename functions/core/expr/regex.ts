/**
 * `matches('<regex>', x)` patterns: Stalwart compiles them with Rust's `regex` crate at
 * parse time. Here they are translated to a JS RegExp where the two agree, and refused
 * (`Invalid regular expression …`) where Rust would refuse them (look-around,
 * backreferences) or JS cannot express them (inline flags after the start, `(?x)`).
 *
 * Rust's engine is linear-time; JS backtracks. So the RegExp made here only validates
 * and carries the translated pattern: `regex-vm.ts` runs it without backtracking, within
 * the evaluation step budget, and `(a+)+` is accepted as Stalwart accepts it.
 */
import { CoreError, CoreErrorCode, type SourceRange } from "../errors";
import { count, exprLimit, LIMITS } from "../limits";
import { checkRegexProgram } from "./regex-vm";
import { rustStrDebug } from "./rust-debug";

const POSIX: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Rust's `\w`: Unicode word characters (regex-syntax's UTS#18 Annex C definition). */
const WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";

/**
 * The Perl classes, Unicode-aware as in Rust's `regex` crate (`\d` is any decimal digit
 * `\p{Nd}`, `\s` any `White_Space`, `\w` any word character), written alone and inside
 * a `[…]` class. JS's own `\d \s \w` are ASCII (or nearly) and would differ.
 */
const PERL_CLASSES: Readonly<Record<string, { alone: string; inClass?: string }>> = {
  d: { alone: "\\p{Nd}", inClass: "\\p{Nd}" },
  D: { alone: "\\P{Nd}", inClass: "\\P{Nd}" },
  s: { alone: "\\p{White_Space}", inClass: "\\p{White_Space}" },
  S: { alone: "\\P{White_Space}", inClass: "\\P{White_Space}" },
  w: { alone: `[${WORD}]`, inClass: WORD },
  W: { alone: `[^${WORD}]` },
};

function fail(pattern: string, why: string, range: SourceRange): never {
  throw new CoreError(
    CoreErrorCode.ExprSyntax,
    `Invalid regular expression ${rustStrDebug(pattern)}: ${why}`,
    range,
  );
}

/** The `(?ims)` groups at the start of `pattern` as JS flags, and how many characters they took. */
function leadingFlags(pattern: string, range: SourceRange): [string, number] {
  let flags = "";
  let i = 0;
  for (
    let m = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
    m;
    m = /^\(\?([a-zA-Z]+)\)/.exec(pattern.slice(i))
  ) {
    for (const f of m[1] ?? "") {
      if (f === "i" || f === "m" || f === "s") {
        if (!flags.includes(f)) flags += f;
      } else fail(pattern, `flag '${f}' is not supported by the playground`, range);
    }
    i += m[0].length;
  }
  return [flags, i];
}

/** The escape at `pattern[i]` (a backslash) in JS syntax, and how many characters it took. */
function translateEscape(
  pattern: string,
  i: number,
  inClass: boolean,
  range: SourceRange,
): [string, number] {
  const n = pattern[i + 1];
  if (n === undefined) fail(pattern, "incomplete escape sequence", range);
  if (/[1-9]/.test(n)) fail(pattern, "backreferences are not supported", range);
  const perl = PERL_CLASSES[n];
  if (perl !== undefined) {
    const own = inClass ? perl.inClass : perl.alone;
    if (own === undefined) {
      fail(pattern, `\\${n} inside a class is not supported by the playground`, range);
    }
    return [own, 2];
  }
  if (n === "A") return ["(?<![\\s\\S])", 2];
  if (n === "z") return ["(?![\\s\\S])", 2];
  const short = pattern[i + 2];
  if ((n === "p" || n === "P") && short !== "{" && short !== undefined) {
    return [`\\${n}{${short}}`, 3];
  }
  return [`\\${n}`, 2];
}

/** Translates and compiles a Rust regex; `range` locates the pattern literal in the source. */
export function compileRustRegex(pattern: string, range: SourceRange): RegExp {
  if (pattern.length > LIMITS.regexLength)
    exprLimit(
      `The regular expression is ${count(pattern.length)} characters long`,
      LIMITS.regexLength,
      "characters",
      range,
    );
  let [flags, i] = leadingFlags(pattern, range);
  let out = "";
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i] ?? "";
    if (c === "\\") {
      const [text, length] = translateEscape(pattern, i, inClass, range);
      out += text;
      i += length;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        const set = POSIX[posix[2] ?? ""];
        if (set === undefined || posix[1] === "^") fail(pattern, "unsupported POSIX class", range);
        out += set;
        i += posix[0].length;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === "^") {
        out += "^";
        i++;
      }
      if (pattern[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(") {
      const rest = pattern.slice(i);
      if (/^\(\?(=|!|<=|<!)/.test(rest)) fail(pattern, "look-around is not supported", range);
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += named[0].length;
      } else if (rest.startsWith("(?:")) {
        out += "(?:";
        i += 3;
      } else if (rest.startsWith("(?")) {
        fail(
          pattern,
          "inline flags are only supported at the start of the pattern in the playground",
          range,
        );
      } else {
        out += "(";
        i++;
      }
      continue;
    }
    out += c;
    i++;
  }
  let re: RegExp;
  try {
    re = new RegExp(out, `${flags}u`);
  } catch {
    try {
      re = new RegExp(out, flags);
    } catch (e) {
      fail(pattern, e instanceof Error ? e.message : "cannot be compiled", range);
    }
  }
  checkRegexProgram(re, range);
  return re;
}
