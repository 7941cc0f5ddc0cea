/**
 * An `MtaOutboundStrategy` expression (`{match, else}`) compiled as Stalwart v0.16 does
 * (`try_compile_expr`, crates/common/src/expr/if_block.rs @v0.16.18:117-206): `else`
 * first, then each condition and its result; on an error Stalwart logs it under the
 * property and uses the context's default expression. (Its checks for an empty `else`,
 * `if` or `then` never fire for a stored object: the registry refuses an empty string,
 * jmap/patch.rs `impl RegistryJsonPatch for String`, and so does the reader.) Every
 * branch keeps the place of its strings, so errors and plans point into the JSON text.
 */
import type { IfBlock, IfBranch } from "../../config/if-block";
import { CoreError, type Diagnostic } from "../../errors";
import { parseExpression } from "../../expr/parser";
import type { Expression as Parsed, TokenMap } from "../../expr/types";
import type { JsonString } from "../json/tree";
import type { BranchSource, ExpressionSource } from "./expression-source";
import type { Expression } from "./registry";

export const CompileCode = {
  /** An expression Stalwart refuses (its message); the context's default is used. */
  Invalid: "expression_invalid",
} as const;

/** Where each string of the compiled block was written, by branch key. */
export type Places = Map<string, { start: number; end: number }>;

class CompileError extends Error {
  constructor(
    message: string,
    readonly at: { start: number; end: number } | undefined,
  ) {
    super(message);
  }
}

/**
 * The block `expr` compiles to, or undefined after an error (reported). `key` is the
 * property (`MtaOutboundStrategy.route`); `source` places the strings (absent for a
 * default, which has no place).
 */
export function compileExpression(
  key: string,
  expr: Expression,
  source: ExpressionSource | undefined,
  tokens: TokenMap,
  out: { diagnostics: Diagnostic[]; places: Places },
): IfBlock | undefined {
  try {
    const otherwise = parse(expr.else, tokens, source?.else, "Error parsing 'else' expression");
    const branches = expr.match.map((m, i) =>
      branch(key, m, i, source?.match[i], tokens, out.places),
    );
    if (source) out.places.set(`${key}.else`, span(source.else));
    return {
      key,
      branches,
      default: otherwise,
      defaultSource: expr.else,
      defaultKey: `${key}.else`,
      origin: "config",
      single: false,
    };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    out.diagnostics.push({
      severity: "error",
      code: CompileCode.Invalid,
      message: `${e.message} (Stalwart rejects this ${key} and uses its default expression)`,
      key,
      ...(e.at ?? (source ? spanOf(source) : {})),
    });
    return undefined;
  }
}

function branch(
  key: string,
  m: Expression["match"][number],
  i: number,
  source: BranchSource | undefined,
  tokens: TokenMap,
  places: Places,
): IfBranch {
  const n = i + 1;
  const condition = parse(
    m.if,
    tokens,
    source?.if,
    `Error parsing 'if' expression in condition #${n}`,
  );
  const then = parse(
    m.then,
    tokens,
    source?.then,
    `Error parsing 'then' expression in condition #${n}`,
  );
  const base = `${key}.match.${source?.key ?? i}`;
  if (source) {
    places.set(`${base}.if`, span(source.if));
    places.set(`${base}.then`, span(source.then));
  }
  return {
    condition,
    conditionSource: m.if,
    then,
    thenSource: m.then,
    conditionKey: `${base}.if`,
    thenKey: `${base}.then`,
    start: source ? Math.min(source.if.start, source.then.start) : 0,
    end: source ? Math.max(source.if.end, source.then.end) : 0,
  };
}

function parse(text: string, tokens: TokenMap, at: JsonString | undefined, what: string): Parsed {
  try {
    return parseExpression(text, tokens);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    const place =
      at === undefined
        ? undefined
        : {
            start: at.sourceOffset(e.range?.start ?? 0),
            end: Math.max(
              at.sourceOffset(e.range?.end ?? text.length),
              at.sourceOffset(e.range?.start ?? 0) + 1,
            ),
          };
    throw new CompileError(`${what}: ${e.message}`, place);
  }
}

const span = (s: JsonString) => ({ start: s.start, end: s.end });

/** The whole expression's place: from its first string to its last. */
function spanOf(source: ExpressionSource): { start: number; end: number } {
  const all = [source.else, ...source.match.flatMap((m) => [m.if, m.then])];
  return {
    start: Math.min(...all.map((s) => s.start)),
    end: Math.max(...all.map((s) => s.end)),
  };
}
