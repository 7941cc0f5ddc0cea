/**
 * zod schema of a decoded share link. A link is untrusted input (anyone can craft one),
 * so every field is checked and bounded; a missing field takes its default so that older
 * or hand-trimmed links still open.
 */
import { z } from "zod";
import { CHECK_NAMES, LIMITS } from "../core-adapter";
import { RequestedModelSchema } from "../core-adapter/state-schemas";
import type { PlaygroundState } from "./types";
import { defaultState, MIGRATE_OUTPUTS, QUERY_TYPES, RECORD_RCODES } from "./types";

const d = defaultState();

/**
 * The API's own bounds (a config of 64 KiB, counted here in characters, which are never
 * more than its bytes; the what-if records), so a link never holds what Run would refuse.
 */
export const MAX_CONFIG_CHARS = LIMITS.configBytes;
export const MAX_RECORDS = LIMITS.records;

const shortText = z.string().max(1024);
const count = z.number().int().min(0).max(1_000_000_000);

const recordSchema = z.object({
  name: z.string().max(255),
  type: z.enum(QUERY_TYPES),
  value: z.string().max(1024).optional(),
  rcode: z.enum(RECORD_RCODES).optional(),
});

const contextSchema = z.object({
  domain: z.string().max(255).default(d.context.domain),
  retry_num: count.default(d.context.retry_num),
  sender: shortText.default(d.context.sender),
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(d.context.priority),
  notify_num: count.default(d.context.notify_num),
  expires_in: count.default(d.context.expires_in),
  last_status: shortText.default(d.context.last_status),
  last_error: shortText.default(d.context.last_error),
  rcpt: shortText.default(d.context.rcpt),
  recipients: z.array(shortText).max(100).default([]),
});

export const stateSchema = z.object({
  config: z.string().max(MAX_CONFIG_CHARS).default(d.config),
  model: RequestedModelSchema.default(d.model),
  context: contextSchema.default(d.context),
  localDomains: z.array(z.string().max(255)).max(100).default([]),
  resolver: z
    .string()
    .max(64)
    .regex(/^[a-z0-9_-]+$/)
    .default(d.resolver),
  seed: z.number().int().min(0).max(0xffffffff).default(d.seed),
  records: z.array(recordSchema).max(MAX_RECORDS).default(d.records),
  checks: z.array(z.enum(CHECK_NAMES)).max(CHECK_NAMES.length).default([]),
  migrate: z
    .object({
      output: z.enum(MIGRATE_OUTPUTS).default(d.migrate.output),
      shown: z.boolean().default(false),
    })
    .default(d.migrate),
  timelineMax: z.number().int().min(1).max(10).default(d.timelineMax),
  console: z
    .object({
      expression: z.string().max(4096).default(d.console.expression),
      key: z.string().max(128).default(""),
      variables: z.string().max(4096).default(""),
    })
    .default(d.console),
});

/** Checks `input` (already JSON-parsed) and returns a full state, or null. */
export function parseState(input: unknown): PlaygroundState | null {
  const r = stateSchema.safeParse(input);
  return r.success ? r.data : null;
}
