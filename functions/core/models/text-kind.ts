/**
 * Whether a config is JSON or TOML, from its first characters: in a module of its own,
 * with no import, so the playground's first script can switch its editor's language as
 * a text is pasted.
 */

/**
 * JSON when the text starts with `{`, or with `[`s followed by `{` or `]` (a TOML table
 * header, `[queue.route.x]` or `[[x]]`, has a name there). Whitespace and a BOM are skipped.
 */
export function textKind(text: string): "json" | "toml" {
  return /^[\s\uFEFF]*(\{|\[[\s[]*[{\]])/.test(text) ? "json" : "toml";
}
