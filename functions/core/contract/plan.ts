/**
 * The delivery plan: the response body of POST /api/evaluate (shared/spec/api.md).
 * Field names are camelCase and only ever added to. The planner builds values of these
 * types, the API documents them in /api/openapi.json, and the web reads responses with
 * them: one description of the shape for all three.
 */
import * as z from "zod";
import { AttemptDeliverabilitySchema, ChecksSummarySchema } from "../deliverability/types";
import { QUERY_TYPES } from "./request";
import { BranchSchema, StrategySchema } from "./shared";
import { attemptAdditions, ModelSchema, planAdditions, TlsChoiceSchema } from "./strategy";

export * from "./shared";
export * from "./strategy";

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const HostErrorSchema = z.object({ permanent: z.boolean(), message: z.string() }).readonly();
export type HostError = z.infer<typeof HostErrorSchema>;

export const SourceChoiceSchema = z
  .object({ candidates: list(z.string()), picked: z.string().nullable() })
  .readonly();
export type SourceChoice = z.infer<typeof SourceChoiceSchema>;

export const DroppedIpSchema = z
  .object({
    ip: z.string(),
    reason: z
      .enum(["multihomed", "loopback"])
      .describe("`multihomed`: cut by limits.multihomed; `loopback`: removed after the cut."),
  })
  .readonly();
export type DroppedIp = z.infer<typeof DroppedIpSchema>;

export const PlannedHostSchema = z
  .object({
    name: z.string(),
    preference: z.int().nullable().describe("MX preference; null for a relay (next-hop) host."),
    implicit: z.boolean(),
    shuffled: z
      .boolean()
      .describe("This host's preference group had several exchanges and was shuffled."),
    strategy: StrategySchema,
    ips: list(z.string()),
    dropped: list(DroppedIpSchema),
    source: z
      .object({ v4: SourceChoiceSchema, v6: SourceChoiceSchema })
      .readonly()
      .describe(
        "v0.12: the host's source addresses and the pick, made once per host. v0.13+: the candidates of the connection strategy evaluated at the host's first address, `picked` null (the pick is per attempt: see `attempts`).",
      ),
    error: HostErrorSchema.nullable(),
    tls: TlsChoiceSchema.optional(),
  })
  .readonly();
export type PlannedHost = z.infer<typeof PlannedHostSchema>;

export const AttemptSchema = z
  .object({
    n: z.int(),
    host: z.string(),
    preference: z.int().nullable(),
    ip: z.string(),
    family: z.enum(["ipv4", "ipv6"]),
    sourceIp: z.string().nullable(),
    deliverability: AttemptDeliverabilitySchema.optional().describe(
      "With `checks`: SPF, PTR and EHLO for the source address and every candidate.",
    ),
    ...attemptAdditions,
  })
  .readonly();
export type Attempt = z.infer<typeof AttemptSchema>;

/** Where a diagnostic or an error is in the submitted text: 1-based, as editors count. */
export const PLACE = {
  line: z.int().optional(),
  column: z.int().optional(),
  endLine: z.int().optional(),
  endColumn: z.int().optional(),
};

export const PlanDiagnosticSchema = z
  .object({
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    message: z.string(),
    key: z.string().optional(),
    ...PLACE,
  })
  .readonly();
export type PlanDiagnostic = z.infer<typeof PlanDiagnosticSchema>;

/** One line of the DNS trace of an evaluation, in the order queries were made. */
export const TraceEntrySchema = z
  .object({
    name: z.string(),
    type: z.enum(QUERY_TYPES),
    rcode: z
      .string()
      .describe("`NOERROR`, `NXDOMAIN`, `SERVFAIL`, …, or `ERROR` when no DNS answer came back."),
    answers: list(z.string()).describe("Presentation form: `10 mx1.example.com.`, `192.0.2.1`."),
    ttl: z.int().nullable(),
    ms: z.number(),
    from: z.enum(["doh", "record", "cache", "none"]),
    cname: list(z.string()).optional().describe("CNAME chain followed to reach the answer."),
    ad: z.boolean().optional().describe("DNSSEC AD bit of the upstream answer (DoH only)."),
    error: z.string().optional().describe("Why the lookup failed."),
  })
  .readonly();
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

export const MX_STATUSES = ["ok", "implicit", "null_mx", "error", "skipped"] as const;
export type MxStatus = (typeof MX_STATUSES)[number];

export const PlanSchema = z
  .object({
    model: ModelSchema,
    ...planAdditions,
    seed: z.int(),
    strategy: z
      .object({ value: StrategySchema, key: z.string(), branch: BranchSchema })
      .readonly()
      .describe(
        "The IP strategy: queue.outbound.ip-strategy (v0.12); the route's ip-lookup (v0.13+, `key` names where it is defined; a relay always uses ipv4_then_ipv6).",
      ),
    limits: z
      .object({ mx: z.int(), multihomed: z.int() })
      .readonly()
      .describe(
        "queue.outbound.limits (v0.12); the mx route's limits (v0.13+; a relay: 1 host and 10 addresses; local: 0).",
      ),
    nextHop: z
      .object({
        kind: z.enum(["mx", "relay", "local"]),
        relay: z.string().optional(),
        address: z.string().optional(),
        port: z.int().optional(),
        protocol: z.string().optional(),
        implicitTls: z
          .boolean()
          .optional()
          .describe("remote.<id>.tls.implicit of the relay: TLS at once, else STARTTLS."),
      })
      .readonly(),
    mx: z
      .object({
        status: z.enum(MX_STATUSES),
        records: list(z.object({ preference: z.int(), exchange: z.string() }).readonly()),
        error: z.string().optional(),
      })
      .readonly(),
    hosts: list(PlannedHostSchema),
    attempts: list(AttemptSchema),
    outcome: z
      .object({
        kind: z.enum(["permanent_failure", "temporary_failure", "local_delivery"]),
        message: z.string(),
      })
      .readonly()
      .nullable(),
    retry: z
      .object({
        retryNum: z.int(),
        schedule: list(z.number()),
        nextInMs: z.number(),
        expireMs: z
          .number()
          .describe(
            "queue.schedule.expire: how long after queueing the message is given up. v0.13+: the schedule's TTL, or with `expireAttempts` the time its attempts take.",
          ),
        expireAttempts: z
          .int()
          .optional()
          .describe("v0.13+: the schedule gives up after this many delivery attempts."),
      })
      .readonly()
      .describe("When the next retry is due after this attempt fails (queue.schedule.retry)."),
    hostname: z
      .string()
      .describe(
        "EHLO name (queue.outbound.hostname) in v0.12; from v0.13 the server hostname, the EHLO name's last fallback (each attempt's `ehlo` is the name used).",
      ),
    diagnostics: list(PlanDiagnosticSchema),
    dns: list(TraceEntrySchema),
    checks: ChecksSummarySchema.optional().describe(
      "With `checks`: what was checked and the DNS queries it took.",
    ),
  })
  .readonly();
export type Plan = z.infer<typeof PlanSchema>;
