/** UTF-8 byte counts, shared by the config size limit and the expression language's `len()`. */

/**
 * UTF-8 length of `text` (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD),
 * counted without encoding: an encoder and a byte array per call showed in the seed
 * config's profile.
 */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    n += c < 0x800 ? 1 : 2;
    // A pair is 4 bytes for 2 units: its low half is counted with the high one.
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}
