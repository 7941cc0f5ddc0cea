/**
 * Builds the API requests (shared/spec/api.md field names, verbatim) from the state,
 * and the equivalent `curl` command for "Copy as curl".
 */
import type { CheckName, RequestedModel } from "../core-adapter";
import type { PlaygroundState, RecordRcode, RecordType, WhatIfRecord } from "./types";
import { txtValue } from "./whatif-value";

export interface EvaluateRequest {
  config: string;
  model?: RequestedModel;
  context: Record<string, string | number | string[]>;
  records: RequestRecord[];
  resolver: string;
  seed: number;
  localDomains?: string[];
  checks?: CheckName[];
}

/**
 * A what-if record as the API takes it: a TXT value may be the several strings of one
 * record (whatif-value.ts).
 */
export type RequestRecord =
  | { name: string; type: RecordType; value: string | string[] }
  | { name: string; type: RecordType; rcode: RecordRcode };

/** A row the API would refuse, found before sending (`records.<i>`, i in the request). */
export interface RecordProblem {
  readonly code: "invalid_record";
  readonly message: string;
  readonly field: string;
}

export interface RecordRows {
  /** The rows worth sending (named, and carrying a value or an rcode), in order. */
  readonly records: RequestRecord[];
  /** The panel row of each record, so an error about `records[i]` marks the right row. */
  readonly rows: number[];
  /** The first row that cannot be sent as typed (its text is sent as is meanwhile). */
  readonly problem: RecordProblem | null;
}

function toRecord(
  r: WhatIfRecord,
  name: string,
  index: number,
): { record: RequestRecord; problem?: RecordProblem } {
  if (r.rcode) return { record: { name, type: r.type, rcode: r.rcode } };
  const text = (r.value ?? "").trim();
  if (r.type !== "TXT") return { record: { name, type: r.type, value: text } };
  const txt = txtValue(text);
  return txt.ok
    ? { record: { name, type: r.type, value: txt.value } }
    : {
        record: { name, type: r.type, value: text },
        problem: {
          code: "invalid_record",
          message: `TXT value: ${txt.message}`,
          field: `records.${index}`,
        },
      };
}

export function recordRows(records: readonly WhatIfRecord[]): RecordRows {
  const out: RecordRows = { records: [], rows: [], problem: null };
  let problem: RecordProblem | null = null;
  for (const [row, r] of records.entries()) {
    const name = r.name.trim().replace(/\.$/, "");
    if (!name || (!r.rcode && !r.value?.trim())) continue;
    const made = toRecord(r, name, out.records.length);
    problem ??= made.problem ?? null;
    out.records.push(made.record);
    out.rows.push(row);
  }
  return { ...out, problem };
}

export const cleanRecords = (records: readonly WhatIfRecord[]): RequestRecord[] =>
  recordRows(records).records;

/**
 * The /api/evaluate body for the state (at `retryNum` when given). The checks are left
 * out with `checks: false` (the retry timeline: they cost DNS lookups and it shows none).
 */
export function evaluateRequest(
  state: PlaygroundState,
  retryNum?: number,
  opts: { readonly checks?: boolean } = {},
): EvaluateRequest {
  const c = state.context;
  const context: Record<string, string | number | string[]> = {
    domain: c.domain.trim(),
    retry_num: retryNum ?? c.retry_num,
    sender: c.sender,
    priority: c.priority,
    notify_num: c.notify_num,
    expires_in: c.expires_in,
    last_status: c.last_status,
    last_error: c.last_error,
  };
  if (c.rcpt.trim()) context.rcpt = c.rcpt.trim();
  if (c.recipients.length > 0) context.recipients = c.recipients;
  const req: EvaluateRequest = {
    config: state.config,
    // "auto" is the API's default: left out, so a ≤ v0.12 request reads as it always did.
    ...(state.model !== "auto" ? { model: state.model } : {}),
    context,
    records: cleanRecords(state.records),
    resolver: state.resolver,
    seed: state.seed,
  };
  const local = state.localDomains.map((s) => s.trim()).filter((s) => s !== "");
  if (local.length > 0) req.localDomains = local;
  if (state.checks.length > 0 && opts.checks !== false) req.checks = [...state.checks];
  return req;
}

/** A POST /api/migrate body: the config, its target, and the context to compare on. */
export interface MigrateBody {
  readonly config: string;
  readonly target: "v0.13" | "v0.16";
  readonly context: EvaluateRequest["context"];
  readonly records: RequestRecord[];
  readonly resolver: string;
  readonly seed: number;
  readonly localDomains?: string[];
}

/** The migration of the state's config, compared on its context and retry number. */
export function migrateRequest(state: PlaygroundState): MigrateBody {
  const { config, context, records, resolver, seed, localDomains } = evaluateRequest(
    state,
    undefined,
    {
      checks: false,
    },
  );
  const target = state.migrate.output === "v0.13" ? "v0.13" : "v0.16";
  return {
    config,
    target,
    context,
    records,
    resolver,
    seed,
    ...(localDomains ? { localDomains } : {}),
  };
}

/** A POST /api/spf body: one address, the identity's sender and HELO name. */
export interface SpfBody {
  readonly ip: string;
  readonly sender: string;
  readonly helo: string;
  readonly records: RequestRecord[];
  readonly resolver: string;
}

/**
 * The SPF checks of a plan as POST /api/spf bodies, with the DNS the plan was made with
 * (taken now: the state may change before a trace is asked for).
 */
export function spfRequests(
  state: PlaygroundState,
): (q: { readonly ip: string; readonly sender: string; readonly helo: string }) => SpfBody {
  const dns = { records: cleanRecords(state.records), resolver: state.resolver };
  return (q) => ({ ...q, ...dns });
}

/** POSIX shell single-quoting: safe for any text, including quotes and newlines. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(origin: string, state: PlaygroundState): string {
  const body = JSON.stringify(evaluateRequest(state));
  return [
    `curl -sS ${shellQuote(`${origin}/api/evaluate`)}`,
    `  -H 'content-type: application/json'`,
    `  --data-binary ${shellQuote(body)}`,
  ].join(" \\\n");
}

/** Parses the console's `name = value` lines: integers stay integers, else strings. */
export function parseVariableLines(text: string): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([a-z_][a-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m?.[1]) continue;
    const raw = m[2] ?? "";
    if (/^-?\d{1,15}$/.test(raw)) out[m[1]] = Number(raw);
    else if (/^\[.*\]$/.test(raw)) {
      out[m[1]] = raw
        .slice(1, -1)
        .split(",")
        .map((s) => s.trim().replace(/^['"]|['"]$/g, ""))
        .filter((s) => s !== "");
    } else out[m[1]] = raw.replace(/^(['"])(.*)\1$/, "$2");
  }
  return out;
}
