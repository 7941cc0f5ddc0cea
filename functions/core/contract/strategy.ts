/**
 * What plans of the strategy-era models (Stalwart v0.13–v0.15 TOML, v0.16 registry
 * objects) add to the v0.12 plan (shared/spec/api.md, Additions): the route and the
 * recipients grouped with it, and per attempt the connection strategy, the source address
 * and the EHLO name. Every field is optional in the plan, so v0.12 answers stay valid.
 */
import * as z from "zod";
import { BranchSchema, StrategySchema } from "./shared";

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const MODELS = ["v0.12", "v0.13", "v0.16"] as const;
export const ModelSchema = z
  .enum(MODELS)
  .describe(
    "`v0.12`: Stalwart ≤ v0.12 (`queue.outbound.*`); `v0.13`: v0.13.0–v0.15.x (`queue.strategy`, `queue.route`, `queue.connection`); `v0.16`: v0.16.x registry objects.",
  );
export type ModelName = z.infer<typeof ModelSchema>;

export const RequestedModelSchema = z
  .enum(["auto", ...MODELS])
  .describe("`auto` (the default) decides from what the config holds; the response says why.");
export type RequestedModel = z.infer<typeof RequestedModelSchema>;

const choiceShape = {
  name: z.string().describe("The name the selector evaluated to (`default` when it failed)."),
  branch: BranchSchema,
  fallback: z
    .boolean()
    .describe(
      "No definition has this name: Stalwart uses its built-in one (and logs it unless the name is `default`, or `mx`/`local` for routes).",
    ),
};

export const RelaySchema = z
  .object({
    address: z.string(),
    port: z.int(),
    protocol: z.string(),
    implicitTls: z.boolean(),
    allowInvalidCerts: z.boolean(),
    auth: z
      .object({ username: z.string(), secret: z.enum(["given", "stripped"]) })
      .readonly()
      .nullable()
      .describe("AUTH is sent only with a username and a secret."),
  })
  .readonly();

export const RouteChoiceSchema = z
  .object({
    ...choiceShape,
    kind: z.enum(["mx", "relay", "local"]),
    key: z.string().optional().describe("Where the route is defined, when the config defines it."),
    limits: z
      .object({ mx: z.int(), multihomed: z.int() })
      .readonly()
      .optional()
      .describe("An mx route's host and address limits."),
    ipLookup: StrategySchema.optional().describe(
      "An mx route's IP lookup strategy (a relay always uses ipv4_then_ipv6).",
    ),
    relay: RelaySchema.optional(),
  })
  .readonly()
  .describe("The route `queue.strategy.route` / `MtaOutboundStrategy.route` chose (v0.13+).");
export type RouteChoice = z.infer<typeof RouteChoiceSchema>;

export const TlsChoiceSchema = z
  .object(choiceShape)
  .readonly()
  .describe("The TLS strategy evaluated for this host (v0.13+).");
export type TlsChoice = z.infer<typeof TlsChoiceSchema>;

export const ScheduleChoiceSchema = z
  .object({ ...choiceShape, queue: z.string().describe("The virtual queue.") })
  .readonly()
  .describe("The schedule strategy the retry intervals come from (v0.13+).");
export type ScheduleChoice = z.infer<typeof ScheduleChoiceSchema>;

export const ConnectionChoiceSchema = z
  .object({
    ...choiceShape,
    localIp: z
      .string()
      .describe(
        "The `local_ip` the expression saw: the previous attempt's bound address, `0.0.0.0` at first.",
      ),
  })
  .readonly()
  .describe("The connection strategy evaluated for this remote address (v0.13+).");
export type ConnectionChoice = z.infer<typeof ConnectionChoiceSchema>;

export const EhloSchema = z
  .object({
    name: z.string(),
    from: z
      .enum(["source-ip", "connection", "server", "hostname"])
      .describe(
        "v0.13+: the picked source address's own name, else the connection's, else the server hostname. v0.12: `hostname`, the value of queue.outbound.hostname.",
      ),
  })
  .readonly();
export type Ehlo = z.infer<typeof EhloSchema>;

export const SourceCandidateSchema = z
  .object({
    ip: z.string(),
    ehlo: z.string().describe("The EHLO name a connection from this address would use."),
  })
  .readonly();
export type SourceCandidate = z.infer<typeof SourceCandidateSchema>;

/** The fields an attempt gains; `ehlo` in every model, the others from v0.13 on. */
export const attemptAdditions = {
  connection: ConnectionChoiceSchema.optional(),
  sourceCandidates: list(SourceCandidateSchema)
    .optional()
    .describe(
      "v0.13+: the source addresses of the remote address's family in that connection strategy; `sourceIp` is a uniform random pick among them, made per attempt.",
    ),
  ehlo: EhloSchema.optional().describe("The EHLO/LHLO name sent on this connection."),
};

export const GroupSchema = z
  .object({
    domain: z.string(),
    route: z.string(),
    recipients: list(z.string()),
  })
  .readonly();

/** The fields the plan gains. */
export const planAdditions = {
  modelReason: z
    .string()
    .optional()
    .describe("Why this model was used: the evidence and its line (always given by this server)."),
  route: RouteChoiceSchema.optional(),
  schedule: ScheduleChoiceSchema.optional(),
  groups: list(GroupSchema)
    .optional()
    .describe(
      "v0.13+: the recipients split by (domain, route) as Stalwart groups them; the plan is the group of `context.rcpt` (else the first recipient of `domain`).",
    ),
};
