/**
 * Errors the evaluation core raises for things a user can cause.
 *
 * Every error carries a stable machine `code` (tests assert the code, never the message)
 * and, where it has one, a raw source range: `start`/`end` are offsets (UTF-16 code
 * units) into the text that was being read. Offsets are turned into line/column in one
 * place only (`config/positions.ts`), never here.
 */
export const CoreErrorCode = {
  /** A config Stalwart's parser refuses: Stalwart does not start on such a file. */
  TomlSyntax: "toml_syntax",
  /** An expression that does not parse (tokenizer or parser). */
  ExprSyntax: "expr_syntax",
  /** An expression that exceeds a frozen limit (length, depth, array size, steps…). */
  ExprLimit: "expr_limit",
  /**
   * An expression that fails while it runs (a `dns_query()` lookup that fails): Stalwart
   * abandons the whole setting, which then takes its built-in default.
   */
  ExprEval: "expr_eval",
  /** The config exceeds a frozen limit (size, number of keys). */
  ConfigLimit: "config_limit",
  /** The request's work went over its cost budget (meter.ts). */
  CostLimit: "cost_limit",
} as const;
export type CoreErrorCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

export interface SourceRange {
  /** Offset of the first character of the problem in the text being read. */
  readonly start: number;
  /** Offset just past the problem (== start for a point). */
  readonly end: number;
}

export class CoreError extends Error {
  override readonly name = "CoreError";
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
  }
}

/**
 * A finding attached to the config, shown as an editor marker and in the response.
 * Offsets are into the submitted config text; `key` is the flattened dotted key.
 */
export interface Diagnostic {
  readonly severity: "error" | "warning" | "info";
  /** Stable snake_case code, e.g. `if_block_missing_else`, `expr_syntax`. */
  readonly code: string;
  readonly message: string;
  readonly key?: string;
  readonly start?: number;
  readonly end?: number;
}
