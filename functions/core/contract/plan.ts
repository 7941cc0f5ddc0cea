/**
 * The delivery plan: the response body of POST /api/evaluate (shared/spec/api.md).
 * Field names are camelCase and only ever added to. The planner builds values of these
 * types, the API documents them in /api/openapi.json, and the web reads responses with
 * them: one description of the shape for all three.
 */
import * as z from "zod/mini";
import { AttemptDeliverabilitySchema, ChecksSummarySchema } from "../deliverability/types";
import { described } from "../zod-describe";
import { QUERY_TYPES } from "./request";
import { BranchSchema, list, StrategySchema } from "./shared";
import { attemptAdditions, ModelSchema, planAdditions, TlsChoiceSchema } from "./strategy";

export * from "./shared";
export * from "./strategy";

export const HostErrorSchema = z.readonly(
  z.object({ permanent: z.boolean(), message: z.string() }),
);
export type HostError = z.infer<typeof HostErrorSchema>;

export const SourceChoiceSchema = z.readonly(
  z.object({ candidates: list(z.string()), picked: z.nullable(z.string()) }),
);
export type SourceChoice = z.infer<typeof SourceChoiceSchema>;

export const DroppedIpSchema = z.readonly(
  z.object({
    ip: z.string(),
    reason: described(
      z.enum(["multihomed", "loopback"]),
      "`multihomed`: cut by limits.multihomed; `loopback`: removed after the cut.",
    ),
  }),
);
export type DroppedIp = z.infer<typeof DroppedIpSchema>;

export const PlannedHostSchema = z.readonly(
  z.object({
    name: z.string(),
    preference: described(z.nullable(z.int()), "MX preference; null for a relay (next-hop) host."),
    implicit: z.boolean(),
    shuffled: described(
      z.boolean(),
      "This host's preference group had several exchanges and was shuffled.",
    ),
    strategy: StrategySchema,
    ips: list(z.string()),
    dropped: list(DroppedIpSchema),
    source: described(
      z.readonly(z.object({ v4: SourceChoiceSchema, v6: SourceChoiceSchema })),
      "v0.12: the host's source addresses and the pick, made once per host. v0.13+: the candidates of the connection strategy evaluated at the host's first address, `picked` null (the pick is per attempt: see `attempts`).",
    ),
    error: z.nullable(HostErrorSchema),
    tls: z.optional(TlsChoiceSchema),
  }),
);
export type PlannedHost = z.infer<typeof PlannedHostSchema>;

export const AttemptSchema = z.readonly(
  z.object({
    n: z.int(),
    host: z.string(),
    preference: z.nullable(z.int()),
    ip: z.string(),
    family: z.enum(["ipv4", "ipv6"]),
    sourceIp: z.nullable(z.string()),
    deliverability: described(
      z.optional(AttemptDeliverabilitySchema),
      "With `checks`: SPF, PTR and EHLO for the source address and every candidate.",
    ),
    ...attemptAdditions,
  }),
);
export type Attempt = z.infer<typeof AttemptSchema>;

/** Where a diagnostic or an error is in the submitted text: 1-based, as editors count. */
export const PLACE = {
  line: z.optional(z.int()),
  column: z.optional(z.int()),
  endLine: z.optional(z.int()),
  endColumn: z.optional(z.int()),
};

/** A diagnostic's fields; the migration's notes add theirs (migrate.ts). */
export const PlanDiagnosticObject = z.object({
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  key: z.optional(z.string()),
  ...PLACE,
});
export const PlanDiagnosticSchema = z.readonly(PlanDiagnosticObject);
export type PlanDiagnostic = z.infer<typeof PlanDiagnosticSchema>;

/** One line of the DNS trace of an evaluation, in the order queries were made. */
export const TraceEntrySchema = z.readonly(
  z.object({
    name: z.string(),
    type: z.enum(QUERY_TYPES),
    rcode: described(
      z.string(),
      "`NOERROR`, `NXDOMAIN`, `SERVFAIL`, …, or `ERROR` when no DNS answer came back.",
    ),
    answers: described(list(z.string()), "Presentation form: `10 mx1.example.com.`, `192.0.2.1`."),
    ttl: z.nullable(z.int()),
    ms: z.number(),
    from: z.enum(["doh", "record", "cache", "none"]),
    cname: described(z.optional(list(z.string())), "CNAME chain followed to reach the answer."),
    ad: described(z.optional(z.boolean()), "DNSSEC AD bit of the upstream answer (DoH only)."),
    error: described(z.optional(z.string()), "Why the lookup failed."),
  }),
);
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

export const MX_STATUSES = ["ok", "implicit", "null_mx", "error", "skipped"] as const;
export type MxStatus = (typeof MX_STATUSES)[number];

const NextHopSchema = z.readonly(
  z.object({
    kind: z.enum(["mx", "relay", "local"]),
    relay: z.optional(z.string()),
    address: z.optional(z.string()),
    port: z.optional(z.int()),
    protocol: z.optional(z.string()),
    implicitTls: described(
      z.optional(z.boolean()),
      "remote.<id>.tls.implicit of the relay: TLS at once, else STARTTLS.",
    ),
  }),
);

const RetrySchema = described(
  z.readonly(
    z.object({
      retryNum: z.int(),
      schedule: list(z.number()),
      nextInMs: z.number(),
      expireMs: described(
        z.number(),
        "queue.schedule.expire: how long after queueing the message is given up. v0.13+: the schedule's TTL, or with `expireAttempts` the time its attempts take.",
      ),
      expireAttempts: described(
        z.optional(z.int()),
        "v0.13+: the schedule gives up after this many delivery attempts.",
      ),
    }),
  ),
  "When the next retry is due after this attempt fails (queue.schedule.retry).",
);

export const PlanSchema = z.readonly(
  z.object({
    model: ModelSchema,
    ...planAdditions,
    seed: z.int(),
    strategy: described(
      z.readonly(z.object({ value: StrategySchema, key: z.string(), branch: BranchSchema })),
      "The IP strategy: queue.outbound.ip-strategy (v0.12); the route's ip-lookup (v0.13+, `key` names where it is defined; a relay always uses ipv4_then_ipv6).",
    ),
    limits: described(
      z.readonly(z.object({ mx: z.int(), multihomed: z.int() })),
      "queue.outbound.limits (v0.12); the mx route's limits (v0.13+; a relay: 1 host and 10 addresses; local: 0).",
    ),
    nextHop: NextHopSchema,
    mx: z.readonly(
      z.object({
        status: z.enum(MX_STATUSES),
        records: list(z.readonly(z.object({ preference: z.int(), exchange: z.string() }))),
        error: z.optional(z.string()),
      }),
    ),
    hosts: list(PlannedHostSchema),
    attempts: list(AttemptSchema),
    outcome: z.nullable(
      z.readonly(
        z.object({
          kind: z.enum(["permanent_failure", "temporary_failure", "local_delivery"]),
          message: z.string(),
        }),
      ),
    ),
    retry: RetrySchema,
    hostname: described(
      z.string(),
      "EHLO name (queue.outbound.hostname) in v0.12; from v0.13 the server hostname, the EHLO name's last fallback (each attempt's `ehlo` is the name used).",
    ),
    diagnostics: list(PlanDiagnosticSchema),
    dns: list(TraceEntrySchema),
    checks: described(
      z.optional(ChecksSummarySchema),
      "With `checks`: what was checked and the DNS queries it took.",
    ),
  }),
);
export type Plan = z.infer<typeof PlanSchema>;
