/** UTF-8 byte counts, shared by the config size limits and the expression language's `len()`. */

/** UTF-8 length of `text` (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** UTF-8 length of `text` if at most `limit` bytes, else `limit + 1`. */
export function boundedUtf8Length(text: string, limit: number): number {
  return Math.min(utf8Length(text), limit + 1);
}
