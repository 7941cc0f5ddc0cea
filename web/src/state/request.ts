/**
 * Builds the API requests (shared/spec/api.md field names, verbatim) from the state,
 * and the equivalent `curl` command for "Copy as curl".
 */
import type { PlaygroundState, WhatIfRecord } from "./types";

export interface EvaluateRequest {
  config: string;
  context: Record<string, string | number | string[]>;
  records: WhatIfRecord[];
  resolver: string;
  seed: number;
  localDomains?: string[];
}

/**
 * The what-if records worth sending (named, and carrying a value or an rcode), each with
 * the index of its row in the panel, so an error about `records[i]` marks the right row.
 */
export function recordRows(
  records: readonly WhatIfRecord[],
): { readonly record: WhatIfRecord; readonly row: number }[] {
  const out: { record: WhatIfRecord; row: number }[] = [];
  for (const [row, r] of records.entries()) {
    const name = r.name.trim().replace(/\.$/, "");
    if (!name) continue;
    if (r.rcode) out.push({ record: { name, type: r.type, rcode: r.rcode }, row });
    else if (r.value?.trim()) {
      out.push({ record: { name, type: r.type, value: r.value.trim() }, row });
    }
  }
  return out;
}

export const cleanRecords = (records: readonly WhatIfRecord[]): WhatIfRecord[] =>
  recordRows(records).map((r) => r.record);

export function evaluateRequest(state: PlaygroundState, retryNum?: number): EvaluateRequest {
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
    context,
    records: cleanRecords(state.records),
    resolver: state.resolver,
    seed: state.seed,
  };
  const local = state.localDomains.map((s) => s.trim()).filter((s) => s !== "");
  if (local.length > 0) req.localDomains = local;
  return req;
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
