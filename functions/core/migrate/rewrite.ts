/**
 * Conditions carried into v0.13+ selectors, rewritten on the tokens of Stalwart's own
 * tokenizer (never on the text with patterns, so strings and names are never touched):
 * - both targets: a setting's constant word (`ipv4_only`, `require`) becomes the integer it
 *   stood for, since v0.13+ selectors register no such constants (spec §1.1, §4);
 * - v0.16: `is_local_domain(dir, d)` / `is_local_address(dir, a)` lose the directory
 *   (arity 1, fm.rs @v0.16.18:97-98) and `config_get('server.hostname')` becomes
 *   `system('hostname')` (`config_get` is gone, spec §4).
 * The text stops where Stalwart's tokenizer stops (a `}` ends an expression).
 */
import { CoreError } from "../errors";
import type { Token } from "../expr/token";
import { Tokenizer } from "../expr/tokenizer";
import { LIMITS } from "../limits";
import type { Meter } from "../meter";
import { RequestError, RequestErrorCode } from "../request-error";
import { MigrateCode } from "./codes";
import type { Condition, Note, SelectorName, Target } from "./types";

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function tokensOf(cond: Condition): Token[] {
  const tokenizer = new Tokenizer(cond.source, cond.tokens);
  const out: Token[] = [];
  try {
    for (let t = tokenizer.next(); t !== null; t = tokenizer.next()) out.push(t);
  } catch (e) {
    // A condition is carried only after it parsed; keep it as written if it ever does not.
    if (!(e instanceof CoreError)) throw e;
  }
  return out;
}

/** The condition's text for `target`. */
function rewritten(
  cond: Condition,
  tokens: readonly Token[],
  target: Target,
  notes: Note[],
): string {
  const end = tokens.reduce((max, t) => Math.max(max, t.end), 0);
  const edits: Edit[] = [];
  tokens.forEach((t, i) => {
    if (t.t === "const" && /^[A-Za-z_]/.test(cond.source.slice(t.start, t.end))) {
      const word = cond.source.slice(t.start, t.end);
      if (word !== "true" && word !== "false" && t.value.kind === "integer")
        edits.push({ start: t.start, end: t.end, text: String(t.value.value) });
    }
    if (target !== "v0.16") return;
    if (t.t === "fn" && (t.name === "is_local_domain" || t.name === "is_local_address"))
      edits.push(...dropDirectory(cond, tokens, i, notes));
    if (t.t === "config") edits.push(...replaceConfigGet(cond, tokens, i, notes));
  });
  return applyEdits(cond.source.slice(0, end), edits).trim();
}

/** `edits` applied to `text`; one inside another (a word in a dropped argument) is left out. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const kept: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = kept[kept.length - 1];
    if (last === undefined || e.start >= last.end) kept.push(e);
  }
  let out = text;
  for (const e of kept.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The variables a condition reads. */
export function variablesOf(cond: Condition): string[] {
  return tokensOf(cond).flatMap((t) => (t.t === "var" ? [t.name] : []));
}

/** Whether the condition needs parentheses to be one operand of `&&`. */
function needsParens(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.t === "bin" && (t.op === "&&" || t.op === "||" || t.op === "^"));
}

/**
 * Writes the selector conditions of one migration for one target. A condition of one key
 * appears in many branches of a cross product: each is rewritten once, and every branch
 * written is charged to the request's meter by its length (the output grows with the
 * product, LIMITS.migrateBranches bounds its branches).
 */
export class ConditionWriter {
  private readonly done = new Map<Condition, { text: string; operand: string }>();
  private written = 0;

  constructor(
    readonly target: Target,
    private readonly notes: Note[],
    private readonly meter: Meter,
  ) {}

  /** All of `conds` at once, as one condition text of `selector`. */
  allOf(conds: readonly Condition[], selector: SelectorName): string {
    const parts = conds.map((c) => this.one(c, selector));
    const text =
      parts.length === 1 ? (parts[0]?.text ?? "") : parts.map((p) => p.operand).join(" && ");
    this.meter.charge(text.length, "writing a migrated condition");
    this.written += text.length;
    if (this.written > LIMITS.migrateConditionChars) {
      throw new RequestError(
        RequestErrorCode.MigrateLimit,
        `The migrated selectors' conditions would be over ${LIMITS.migrateConditionChars} characters (LIMITS.migrateConditionChars): the ≤ v0.12 if-blocks of queue.strategy.${selector} combine into too many long branches; simplify them first.`,
        { field: "config" },
      );
    }
    return text;
  }

  private one(cond: Condition, selector: SelectorName): { text: string; operand: string } {
    const found = this.done.get(cond);
    if (found) return found;
    this.meter.charge(cond.source.length, "rewriting a condition");
    const tokens = tokensOf(cond);
    const said: Note[] = [];
    const text = rewritten(cond, tokens, this.target, said);
    for (const note of said) this.notes.push({ ...note, subject: { selector } });
    const written = { text, operand: needsParens(tokens) ? `(${text})` : text };
    this.done.set(cond, written);
    return written;
  }
}

/** `is_local_domain(dir, x)` → `is_local_domain(x)`: the tokens of the first argument and its comma go. */
function dropDirectory(
  cond: Condition,
  tokens: readonly Token[],
  fn: number,
  notes: Note[],
): Edit[] {
  const open = tokens[fn + 1];
  if (open?.t !== "(") return [];
  let depth = 0;
  for (let i = fn + 2; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) break;
    if (t.t === "(" || t.t === "[") depth++;
    else if (t.t === ")" || t.t === "]") depth--;
    if (depth < 0) return [];
    if (depth > 0 || t.t !== ",") continue;
    const first = tokens[fn + 2];
    const directory = i === fn + 3 && first?.t === "const" ? first.value : undefined;
    if (!(directory?.kind === "string" && (directory.value === "*" || directory.value === ""))) {
      notes.push({
        severity: "warning",
        code: MigrateCode.LocalDirectoryDropped,
        message: `Stalwart v0.16's ${tokens[fn]?.t === "fn" ? tokens[fn].name : "function"}() takes no directory: it asks every local domain, whatever \`${cond.source.slice(first?.start ?? 0, t.start).trim()}\` named`,
        ...cond.origin,
      });
    }
    let stop = t.end;
    while (cond.source[stop] === " ") stop++;
    return [{ start: open.end, end: stop, text: "" }];
  }
  return [];
}

/** `config_get('server.hostname')` → `system('hostname')`; any other key has no v0.16 reading. */
function replaceConfigGet(
  cond: Condition,
  tokens: readonly Token[],
  at: number,
  notes: Note[],
): Edit[] {
  const t = tokens[at];
  const close = tokens.slice(at + 1).find((x) => x.t === ")");
  if (t?.t !== "config" || close === undefined) return [];
  if (t.key === "server.hostname")
    return [{ start: t.start, end: close.end, text: "system('hostname')" }];
  notes.push({
    severity: "error",
    code: MigrateCode.ConfigGetUnavailable,
    message: `Stalwart v0.16 has no config_get(): \`config_get('${t.key}')\` fails to compile there (only the server's name has a replacement, system('hostname')); rewrite this condition by hand`,
    ...cond.origin,
  });
  return [];
}
