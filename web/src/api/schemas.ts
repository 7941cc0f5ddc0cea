/**
 * zod schemas of the API's responses (shared/spec/api.md). Loose objects: the contract
 * only ever adds fields, and an unexpected shape becomes a readable error, not a crash.
 */
import { z } from "zod";

const Source = z.looseObject({
  candidates: z.array(z.string()).default([]),
  picked: z.string().nullable().default(null),
});

export const HostSchema = z.looseObject({
  name: z.string(),
  preference: z.number().nullable().optional(),
  implicit: z.boolean().optional(),
  strategy: z.string().optional(),
  ips: z.array(z.string()).default([]),
  dropped: z.array(z.looseObject({ ip: z.string(), reason: z.string() })).default([]),
  source: z.looseObject({ v4: Source.optional(), v6: Source.optional() }).optional(),
  error: z
    .looseObject({ permanent: z.boolean().optional(), message: z.string() })
    .nullable()
    .optional(),
});
export type Host = z.infer<typeof HostSchema>;

export const AttemptSchema = z.looseObject({
  n: z.number(),
  host: z.string(),
  preference: z.number().nullable().optional(),
  ip: z.string(),
  family: z.string(),
  sourceIp: z.string().nullable().default(null),
});
export type Attempt = z.infer<typeof AttemptSchema>;

export const ApiDiagnosticSchema = z.looseObject({
  severity: z.string(),
  code: z.string(),
  message: z.string(),
  key: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});
export type ApiDiagnostic = z.infer<typeof ApiDiagnosticSchema>;

export const TraceSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  rcode: z.string(),
  answers: z.array(z.string()).default([]),
  ttl: z.number().nullable().optional(),
  ms: z.number().optional(),
  from: z.string(),
  cname: z.array(z.string()).optional(),
  error: z.string().optional(),
});
export type Trace = z.infer<typeof TraceSchema>;

export const BranchSchema = z.looseObject({
  index: z.union([z.number(), z.string()]),
  condition: z.string().optional(),
});
export type Branch = z.infer<typeof BranchSchema>;

export const EvaluateResponseSchema = z.looseObject({
  model: z.string().optional(),
  seed: z.number().optional(),
  strategy: z
    .looseObject({ value: z.string(), key: z.string().optional(), branch: BranchSchema.optional() })
    .nullable()
    .optional(),
  limits: z
    .looseObject({ mx: z.number().optional(), multihomed: z.number().optional() })
    .optional(),
  mx: z
    .looseObject({
      status: z.string(),
      records: z.array(z.looseObject({ preference: z.number(), exchange: z.string() })).optional(),
      error: z.string().optional(),
    })
    .nullable()
    .optional(),
  nextHop: z
    .looseObject({
      kind: z.string(),
      relay: z.string().optional(),
      address: z.string().optional(),
      port: z.number().optional(),
      protocol: z.string().optional(),
      implicitTls: z.boolean().optional(),
    })
    .optional(),
  hostname: z.string().optional(),
  retry: z
    .looseObject({
      retryNum: z.number(),
      schedule: z.array(z.number()),
      nextInMs: z.number(),
      expireMs: z.number().optional(),
    })
    .optional(),
  hosts: z.array(HostSchema).default([]),
  attempts: z.array(AttemptSchema).default([]),
  outcome: z.looseObject({ kind: z.string(), message: z.string() }).nullable().optional(),
  diagnostics: z.array(ApiDiagnosticSchema).default([]),
  dns: z.array(TraceSchema).default([]),
});
export type EvaluateResponse = z.infer<typeof EvaluateResponseSchema>;

export const ApiErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    line: z.number().optional(),
    column: z.number().optional(),
    key: z.string().optional(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>["error"];

const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue)]),
);

export const ExpressionResponseSchema = z.looseObject({
  value: JsonValue,
  type: z.string(),
  notes: z.array(z.looseObject({ code: z.string(), message: z.string() })).default([]),
});
export type ExpressionResponse = z.infer<typeof ExpressionResponseSchema>;
