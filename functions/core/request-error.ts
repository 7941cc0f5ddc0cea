/**
 * The one error the core's entry points (`evaluate.ts`, `expression-request.ts`) throw
 * for a request it cannot answer: a stable code (the API's error code), a message that
 * names the thing, and where it is — in the config or expression (line/column, from
 * `config/positions.ts`) or in the request (`field`). The Worker maps the code to an HTTP
 * status in one place (`app.onError`); the browser shows it as it is.
 */
import { lineColumnRange } from "./config/positions";
import { DnsInputError } from "./dns/errors";
import { CoreError, CoreErrorCode } from "./errors";

export const RequestErrorCode = {
  ConfigTooLarge: "config_too_large",
  InvalidDomain: "invalid_domain",
  InvalidIp: "invalid_ip",
  InvalidRecord: "invalid_record",
  InvalidKey: "invalid_key",
  InvalidField: "invalid_field",
  TomlSyntax: "toml_syntax",
  ConfigLimit: "config_limit",
  ExprSyntax: "expr_syntax",
  ExprLimit: "expr_limit",
  /** An expression that failed while it ran (a `dns_query()` lookup that failed). */
  ExprEval: "expr_eval",
  CostLimit: "cost_limit",
  /** /api/migrate: the config is not a ≤ v0.12 one (v0.13 keys only, or v0.16 JSON). */
  NotV012: "not_migratable",
  /** /api/migrate: a selector would need more branches than LIMITS.migrateBranches. */
  MigrateLimit: "migrate_limit",
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

export interface ErrorPlace {
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Dotted path of the request field at fault, e.g. `context.domain`. */
  readonly field?: string;
}

export class RequestError extends Error {
  override readonly name = "RequestError";
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly place: ErrorPlace = {},
  ) {
    super(message);
  }
}

/** What the text at fault is: a config (lines) or a one-line expression (columns). */
export type Source = { readonly config: string } | { readonly expression: string };

/**
 * A core error met while answering a request, as a RequestError placed in `source`;
 * anything that is not a user's error is rethrown as it is.
 */
export function asRequestError(e: unknown, source?: Source, field?: string): unknown {
  if (e instanceof DnsInputError) {
    const code =
      e.code === "invalid_record" ? RequestErrorCode.InvalidRecord : RequestErrorCode.InvalidDomain;
    const at = e.index !== undefined ? `records.${e.index}` : field;
    return new RequestError(code, e.message, at !== undefined ? { field: at } : {});
  }
  if (!(e instanceof CoreError)) return e;
  const code = CODES[e.code];
  if (!e.range || source === undefined) return new RequestError(code, e.message);
  if ("expression" in source) {
    // An expression is one line: its columns are the offsets + 1.
    return new RequestError(code, e.message, {
      column: e.range.start + 1,
      endColumn: e.range.end + 1,
    });
  }
  const r = lineColumnRange(source.config, e.range.start, e.range.end);
  return new RequestError(code, e.message, { line: r.line, column: r.column });
}

const CODES: Readonly<Record<CoreErrorCode, RequestErrorCode>> = {
  [CoreErrorCode.TomlSyntax]: RequestErrorCode.TomlSyntax,
  [CoreErrorCode.ConfigLimit]: RequestErrorCode.ConfigLimit,
  [CoreErrorCode.ExprSyntax]: RequestErrorCode.ExprSyntax,
  [CoreErrorCode.ExprLimit]: RequestErrorCode.ExprLimit,
  [CoreErrorCode.ExprEval]: RequestErrorCode.ExprEval,
  [CoreErrorCode.CostLimit]: RequestErrorCode.CostLimit,
};
