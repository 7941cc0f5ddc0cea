/**
 * zod schema of a decoded share link. A link is untrusted input (anyone can craft one),
 * so every field is checked and bounded; a missing field takes its default so that older
 * or hand-trimmed links still open.
 */
import * as z from "zod/mini";
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

const text = (max: number) => z.string().check(z.maxLength(max));
const shortText = text(1024);
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const count = intIn(0, 1_000_000_000);
const list = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(z.maxLength(max));

const recordSchema = z.object({
  name: text(255),
  type: z.enum(QUERY_TYPES),
  value: z.optional(text(1024)),
  rcode: z.optional(z.enum(RECORD_RCODES)),
});

const contextSchema = z.object({
  domain: z._default(text(255), d.context.domain),
  retry_num: z._default(count, d.context.retry_num),
  sender: z._default(shortText, d.context.sender),
  priority: z._default(intIn(-1_000_000, 1_000_000), d.context.priority),
  notify_num: z._default(count, d.context.notify_num),
  expires_in: z._default(count, d.context.expires_in),
  last_status: z._default(shortText, d.context.last_status),
  last_error: z._default(shortText, d.context.last_error),
  rcpt: z._default(shortText, d.context.rcpt),
  recipients: z._default(list(shortText, 100), []),
});

export const stateSchema = z.object({
  config: z._default(text(MAX_CONFIG_CHARS), d.config),
  model: z._default(RequestedModelSchema, d.model),
  context: z._default(contextSchema, d.context),
  localDomains: z._default(list(text(255), 100), []),
  resolver: z._default(text(64).check(z.regex(/^[a-z0-9_-]+$/)), d.resolver),
  seed: z._default(intIn(0, 0xffffffff), d.seed),
  records: z._default(list(recordSchema, MAX_RECORDS), d.records),
  checks: z._default(list(z.enum(CHECK_NAMES), CHECK_NAMES.length), []),
  migrate: z._default(
    z.object({
      output: z._default(z.enum(MIGRATE_OUTPUTS), d.migrate.output),
      shown: z._default(z.boolean(), false),
    }),
    d.migrate,
  ),
  timelineMax: z._default(intIn(1, 10), d.timelineMax),
  console: z._default(
    z.object({
      expression: z._default(text(4096), d.console.expression),
      key: z._default(text(128), ""),
      variables: z._default(text(4096), ""),
    }),
    d.console,
  ),
});

/** Checks `input` (already JSON-parsed) and returns a full state, or null. */
export function parseState(input: unknown): PlaygroundState | null {
  const r = stateSchema.safeParse(input);
  return r.success ? r.data : null;
}
