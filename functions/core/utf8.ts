/** UTF-8 byte counts, shared by the config size limits and the expression language's `len()`. */

const encoder = new TextEncoder();

/** UTF-8 length of `text` (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * Whether `text` is more than `limit` bytes of UTF-8. A UTF-16 unit is at most 3 bytes
 * (a surrogate pair 4 for two units), so a text of up to `limit / 3` units is never
 * counted.
 */
export function utf8Exceeds(text: string, limit: number): boolean {
  return text.length * 3 > limit && utf8Length(text) > limit;
}
