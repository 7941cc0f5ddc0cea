/**
 * What-if rows as typed → records as the API takes them. A TXT value is one string as
 * typed, or, when it starts with a quote, the zone-file form `dig` prints ("v=spf1 …"
 * "… -all"): the quoted character-strings of one record (RFC 1035 §5.1), so a record
 * pasted from `dig` is not read with its quotes as part of the text. (A PTR row named by
 * the address itself is sent as typed: the core puts it at the address's reverse name.)
 */

export type TxtValue =
  | { readonly ok: true; readonly value: string | string[] }
  | { readonly ok: false; readonly message: string };

/** RFC 1035 §5.1: `\X` is X, `\DDD` is the octet DDD (decimal). */
function escaped(text: string, at: number): { char: string; next: number } {
  const digits = /^\d{3}/.exec(text.slice(at + 1));
  if (digits) return { char: String.fromCharCode(Number(digits[0])), next: at + 4 };
  return { char: text[at + 1] ?? "", next: at + 2 };
}

/** The character-strings of `"a" "b"`, or where the text stops being that. */
function quotedStrings(text: string): TxtValue {
  const strings: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    if (text[i] !== '"') {
      return {
        ok: false,
        message: `a TXT value that starts with a quote is read as quoted strings ("…" "…"), and column ${i + 1} is outside the quotes; write the value without quotes for one plain string.`,
      };
    }
    let s = "";
    let j = i + 1;
    while (j < text.length && text[j] !== '"') {
      if (text[j] === "\\") {
        const u = escaped(text, j);
        s += u.char;
        j = u.next;
      } else s += text[j++];
    }
    if (j >= text.length) {
      return {
        ok: false,
        message: `the quoted string that starts at column ${i + 1} is not closed: expected a closing ".`,
      };
    }
    strings.push(s);
    i = j + 1;
  }
  return { ok: true, value: strings.length === 1 ? (strings[0] ?? "") : strings };
}

export function txtValue(text: string): TxtValue {
  const trimmed = text.trim();
  return trimmed.startsWith('"') ? quotedStrings(trimmed) : { ok: true, value: trimmed };
}
