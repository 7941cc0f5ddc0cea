/**
 * What plans of the strategy-era models (Stalwart v0.13–v0.15 TOML, v0.16 registry
 * objects) add to the v0.12 plan (shared/spec/api.md, Additions): the route and the
 * recipients grouped with it, and per attempt the connection strategy, the source address
 * and the EHLO name. Every field is optional in the plan, so v0.12 answers stay valid.
 */
import * as z from "zod/mini";
import { described } from "../zod-describe";
import { BranchSchema, list, StrategySchema } from "./shared";

export const MODELS = ["v0.12", "v0.13", "v0.16"] as const;
export const ModelSchema = described(
  z.enum(MODELS),
  "`v0.12`: Stalwart ≤ v0.12 (`queue.outbound.*`); `v0.13`: v0.13.0–v0.15.x (`queue.strategy`, `queue.route`, `queue.connection`); `v0.16`: v0.16.x registry objects.",
);
export type ModelName = z.infer<typeof ModelSchema>;

export const RequestedModelSchema = described(
  z.enum(["auto", ...MODELS]),
  "`auto` (the default) decides from what the config holds; the response says why.",
);
export type RequestedModel = z.infer<typeof RequestedModelSchema>;

const choiceShape = {
  name: described(z.string(), "The name the selector evaluated to (`default` when it failed)."),
  branch: BranchSchema,
  fallback: described(
    z.boolean(),
    "No definition has this name: Stalwart uses its built-in one (and logs it unless the name is `default`, or `mx`/`local` for routes).",
  ),
};

export const RelaySchema = z.readonly(
  z.object({
    address: z.string(),
    port: z.int(),
    protocol: z.string(),
    implicitTls: z.boolean(),
    allowInvalidCerts: z.boolean(),
    auth: described(
      z.nullable(
        z.readonly(z.object({ username: z.string(), secret: z.enum(["given", "stripped"]) })),
      ),
      "AUTH is sent only with a username and a secret.",
    ),
  }),
);

export const RouteChoiceSchema = described(
  z.readonly(
    z.object({
      ...choiceShape,
      kind: z.enum(["mx", "relay", "local"]),
      key: described(
        z.optional(z.string()),
        "Where the route is defined, when the config defines it.",
      ),
      limits: described(
        z.optional(z.readonly(z.object({ mx: z.int(), multihomed: z.int() }))),
        "An mx route's host and address limits.",
      ),
      ipLookup: described(
        z.optional(StrategySchema),
        "An mx route's IP lookup strategy (a relay always uses ipv4_then_ipv6).",
      ),
      relay: z.optional(RelaySchema),
    }),
  ),
  "The route `queue.strategy.route` / `MtaOutboundStrategy.route` chose (v0.13+).",
);
export type RouteChoice = z.infer<typeof RouteChoiceSchema>;

export const TlsChoiceSchema = described(
  z.readonly(z.object(choiceShape)),
  "The TLS strategy evaluated for this host (v0.13+).",
);
export type TlsChoice = z.infer<typeof TlsChoiceSchema>;

export const ScheduleChoiceSchema = described(
  z.readonly(z.object({ ...choiceShape, queue: described(z.string(), "The virtual queue.") })),
  "The schedule strategy the retry intervals come from (v0.13+).",
);
export type ScheduleChoice = z.infer<typeof ScheduleChoiceSchema>;

export const ConnectionChoiceSchema = described(
  z.readonly(
    z.object({
      ...choiceShape,
      localIp: described(
        z.string(),
        "The `local_ip` the expression saw: the previous attempt's bound address, `0.0.0.0` at first.",
      ),
    }),
  ),
  "The connection strategy evaluated for this remote address (v0.13+).",
);
export type ConnectionChoice = z.infer<typeof ConnectionChoiceSchema>;

export const EhloSchema = z.readonly(
  z.object({
    name: z.string(),
    from: described(
      z.enum(["source-ip", "connection", "server", "hostname"]),
      "v0.13+: the picked source address's own name, else the connection's, else the server hostname. v0.12: `hostname`, the value of queue.outbound.hostname.",
    ),
  }),
);
export type Ehlo = z.infer<typeof EhloSchema>;

export const SourceCandidateSchema = z.readonly(
  z.object({
    ip: z.string(),
    ehlo: described(z.string(), "The EHLO name a connection from this address would use."),
  }),
);
export type SourceCandidate = z.infer<typeof SourceCandidateSchema>;

/** The fields an attempt gains; `ehlo` in every model, the others from v0.13 on. */
export const attemptAdditions = {
  connection: z.optional(ConnectionChoiceSchema),
  sourceCandidates: described(
    z.optional(list(SourceCandidateSchema)),
    "v0.13+: the source addresses of the remote address's family in that connection strategy; `sourceIp` is a uniform random pick among them, made per attempt.",
  ),
  ehlo: described(z.optional(EhloSchema), "The EHLO/LHLO name sent on this connection."),
};

export const GroupSchema = z.readonly(
  z.object({
    domain: z.string(),
    route: z.string(),
    recipients: list(z.string()),
  }),
);

/** The fields the plan gains. */
export const planAdditions = {
  modelReason: described(
    z.optional(z.string()),
    "Why this model was used: the evidence and its line (always given by this server).",
  ),
  route: z.optional(RouteChoiceSchema),
  schedule: z.optional(ScheduleChoiceSchema),
  groups: described(
    z.optional(list(GroupSchema)),
    "v0.13+: the recipients split by (domain, route) as Stalwart groups them; the plan is the group of `context.rcpt` (else the first recipient of `domain`).",
  ),
};
