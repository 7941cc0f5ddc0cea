/**
 * GET /api/openapi.json: OpenAPI 3.1, generated from the contract's zod schemas, the
 * same that validate the requests and describe the responses (JSON Schema 2020-12 is
 * OpenAPI 3.1's schema dialect).
 */

import * as z from "zod/mini";
// The one field, not the whole package.json (Worker bundle budget ≤ 150 KB gzip).
import { version } from "../../package.json";
import type { AppEnv } from "../app-env";
import {
  ContextSchema,
  ErrorSchema,
  EvaluateRequestSchema,
  ExpressionRequestSchema,
  ExpressionResponseSchema,
  HealthResponseSchema,
  MigrateRequestSchema,
  MigrateResponseSchema,
  PlanSchema,
  SpfRequestSchema,
  SpfResponseSchema,
} from "../core/contract";
import { Hono } from "../hono";
import { INTEGER_PARAMS } from "./evaluate";

const COMPONENTS = {
  EvaluateRequest: [EvaluateRequestSchema, "input"],
  ExpressionRequest: [ExpressionRequestSchema, "input"],
  Plan: [PlanSchema, "output"],
  ExpressionResponse: [ExpressionResponseSchema, "output"],
  SpfRequest: [SpfRequestSchema, "input"],
  SpfResponse: [SpfResponseSchema, "output"],
  MigrateRequest: [MigrateRequestSchema, "input"],
  MigrateResponse: [MigrateResponseSchema, "output"],
  Health: [HealthResponseSchema, "output"],
  Error: [ErrorSchema, "output"],
} as const;
type ComponentName = keyof typeof COMPONENTS;

function schema(s: z.ZodMiniType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
  const { $schema: _drop, ...rest } = json;
  return rest;
}

const json = (name: ComponentName) => ({
  "application/json": { schema: { $ref: `#/components/schemas/${name}` } },
});

const ERRORS: readonly (readonly [string, string])[] = [
  ["400", "Malformed request (not JSON, wrong types, unknown fields, invalid domain or IP)."],
  ["404", "No such API route."],
  ["405", "Method not allowed on this route (see the Allow header)."],
  ["413", "Body or config over the size limit."],
  ["415", "Not application/json."],
  ["422", "TOML or expression that cannot be parsed, or over a limit."],
  ["429", "Rate limited."],
];
const errorResponses = Object.fromEntries(
  ERRORS.map(([code, description]) => [code, { description, content: json("Error") }]),
);

function post(summary: string, request: ComponentName, response: ComponentName, what: string) {
  return {
    summary,
    requestBody: { required: true, content: json(request) },
    responses: { "200": { description: what, content: json(response) }, ...errorResponses },
  };
}

/** The GET form of /api/evaluate: the context's fields and the scalar top-level ones. */
function queryParameters(): Record<string, unknown>[] {
  const names = [
    "config",
    "model",
    "resolver",
    "seed",
    "checks",
    ...Object.keys(ContextSchema.shape),
  ];
  return names.map((name) => ({
    name,
    in: "query",
    required: name === "domain",
    schema: { type: INTEGER_PARAMS.has(name) ? "integer" : "string" },
  }));
}

export function buildOpenApi(): Record<string, unknown> {
  const plan = "The delivery plan.";
  return {
    openapi: "3.1.0",
    info: {
      title: "IP Strategy Playground API",
      version,
      description:
        "Which route, MX hosts and IP addresses Stalwart will try, in which order, from which source address and with which EHLO name. Covers Stalwart ≤ v0.12 (`queue.outbound.*`), v0.13–v0.15 (`queue.strategy`, `queue.route`, `queue.connection`: TOML, web-admin keys or a flat JSON settings export) and v0.16 (JSON registry objects); `model` chooses, `auto` detects.",
    },
    paths: {
      "/api/evaluate": {
        post: post(
          "Evaluate a Stalwart config for a recipient domain",
          "EvaluateRequest",
          "Plan",
          plan,
        ),
        get: {
          summary: "Evaluate with query parameters (for curl)",
          parameters: queryParameters(),
          responses: { "200": { description: plan, content: json("Plan") }, ...errorResponses },
        },
      },
      "/api/expression": {
        post: post(
          "Evaluate one Stalwart expression",
          "ExpressionRequest",
          "ExpressionResponse",
          "The value and its type.",
        ),
      },
      "/api/spf": {
        post: post(
          "Check SPF (RFC 7208) for a client address, sender and HELO name",
          "SpfRequest",
          "SpfResponse",
          "The result (one of RFC 7208's seven), the directive that decided, why, and the trace.",
        ),
      },
      "/api/migrate": {
        post: post(
          "Migrate a Stalwart ≤ v0.12 outbound config to v0.13 TOML or v0.16 registry objects",
          "MigrateRequest",
          "MigrateResponse",
          "The migrated config, the notes (placed in the old and the new config) and, with a context, both plans compared. 422 `not_migratable` when the config is not a ≤ v0.12 one, `migrate_limit` when a selector would need too many branches.",
        ),
      },
      "/api/health": {
        get: {
          summary: "Liveness and version",
          responses: { "200": { description: "Alive.", content: json("Health") } },
        },
      },
    },
    components: {
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, [s, io]]) => [name, schema(s, io)]),
      ),
    },
  };
}

export const openapiRoutes = new Hono<AppEnv>().get("/openapi.json", (c) => c.json(buildOpenApi()));
