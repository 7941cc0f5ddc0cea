/**
 * GET /api/openapi.json: OpenAPI 3.1, generated from the zod schemas that validate the
 * requests (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect).
 */
import { Hono } from "hono";
import * as z from "zod";
import pkg from "../../package.json";
import { ErrorSchema, EvaluateRequestSchema, ExpressionRequestSchema } from "../api/schemas";
import type { AppEnv } from "../app";

function schema(s: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
  const { $schema: _drop, ...rest } = json;
  return rest;
}

const errorResponses = Object.fromEntries(
  [
    ["400", "Malformed request (not JSON, wrong types, unknown fields, invalid domain)."],
    ["413", "Body or config over the size limit."],
    ["415", "Not application/json."],
    ["422", "TOML or expression that cannot be parsed."],
    ["429", "Rate limited."],
  ].map(([code, description]) => [
    code,
    {
      description,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
  ]),
);

export function buildOpenApi(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "IP Strategy Playground API",
      version: pkg.version,
      description:
        "Which MX hosts and IP addresses Stalwart will try, in which order, from which source address.",
    },
    paths: {
      "/api/evaluate": {
        post: {
          summary: "Evaluate a Stalwart config for a recipient domain",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/EvaluateRequest" } },
            },
          },
          responses: { "200": { description: "The delivery plan." }, ...errorResponses },
        },
        get: {
          summary: "Evaluate with query parameters (for curl)",
          parameters: [
            "domain",
            "retry_num",
            "config",
            "resolver",
            "seed",
            "sender",
            "priority",
          ].map((name) => ({
            name,
            in: "query",
            required: name === "domain",
            schema: {
              type:
                name === "retry_num" || name === "seed" || name === "priority"
                  ? "integer"
                  : "string",
            },
          })),
          responses: { "200": { description: "The delivery plan." }, ...errorResponses },
        },
      },
      "/api/expression": {
        post: {
          summary: "Evaluate one Stalwart expression",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/ExpressionRequest" } },
            },
          },
          responses: { "200": { description: "`{ value, type }`" }, ...errorResponses },
        },
      },
      "/api/health": {
        get: {
          summary: "Liveness and version",
          responses: { "200": { description: "`{ ok, version }`" } },
        },
      },
    },
    components: {
      schemas: {
        EvaluateRequest: schema(EvaluateRequestSchema),
        ExpressionRequest: schema(ExpressionRequestSchema),
        Error: schema(ErrorSchema),
      },
    },
  };
}

export const openapiRoutes = new Hono<AppEnv>().get("/openapi.json", (c) => c.json(buildOpenApi()));
