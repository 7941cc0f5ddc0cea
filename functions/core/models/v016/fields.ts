/**
 * zod builders for the field types of Stalwart v0.16's registry, each refusing what
 * Stalwart's JSON patching refuses, with a message that says what was expected, what was
 * found, and Stalwart's own words for it. Sources, @v0.16.18: crates/registry/src/jmap/patch.rs
 * (String, bool, u64, enums, lists), types/{duration,ipaddr,string,list,error}.rs,
 * and the `validate()` of each object in schema/structs_impl.rs (min/max/required).
 */
import * as z from "zod/mini";
import { parseDuration } from "../../config/convert";
import { rustStrDebug } from "../../expr/rust-debug";
import { parseIp } from "../../ip";
import { described } from "../../zod-describe";
import { shown } from "../../zod-english";
import { hostnameValue } from "./hostname";

/** Stalwart's messages, verbatim. */
export const STALWART = {
  string: "Invalid value for property.",
  bool: "Invalid value for boolean property (expected true or false)",
  u64: "Invalid value for unsigned integer property (expected non-negative integer)",
  durationPath: "Invalid path for Duration",
  duration: "Invalid duration value",
  ipPath: "Invalid path for IpAddr, expected a string value",
  ip: "Failed to parse IpAddr from string",
  hostname: "Invalid hostname or IP address",
  trim: "String cannot be empty",
  objectType: "Missing or invalid '@type' property in object",
  listValue: "Invalid value for object property",
  listKey: "Invalid key for object property",
  property: "Invalid property",
  required: (p: string) => `Property '${p}' is required`,
  min: (p: string, n: number) => `Property '${p}' is below minimum value of ${n}`,
  max: (p: string, n: number) => `Property '${p}' exceeds maximum value of ${n}`,
  invalid: (p: string, v: string) => `Invalid value '${v}' for property '${p}'`,
} as const;

/** The message of a refused value: expectation, what was found, Stalwart's words. */
export function refusal(expects: string, input: unknown, stalwart: string): string {
  return `expected ${expects}, found ${shown(input)} (Stalwart: "${stalwart}")`;
}

/** Builds a zod error callback: `required` when the field is absent, else `refusal`. */
function refusedAs(prop: string, expects: string, stalwart: (input: unknown) => string) {
  return (iss: { input?: unknown }): string =>
    iss.input === undefined
      ? refusal(expects, undefined, STALWART.required(prop))
      : refusal(expects, iss.input, stalwart(iss.input));
}

/** A non-empty string (`String` patch: an empty one is refused). */
export function text(prop: string) {
  const error = refusedAs(prop, "a non-empty string", () => STALWART.string);
  return z.string({ error }).check(z.minLength(1, { error }));
}

/** `Option<String>`: null clears it, an empty string is refused. */
export function optionalText(prop: string) {
  return z.optional(z.nullable(text(prop)));
}

/** A string under Stalwart's `Trim` validator (relay `address`): stored trimmed. */
export function trimmedText(prop: string) {
  const error = refusedAs(prop, "a non-empty string", () => STALWART.string);
  const nonBlank = z.refine<string>((s) => s.trim() !== "", {
    error: (iss) => refusal("a non-empty string", iss.input, STALWART.trim),
  });
  return z.pipe(
    z.string({ error }).check(z.minLength(1, { error }), nonBlank),
    z.transform((s: string) => s.trim()),
  );
}

export function bool(prop: string) {
  return z.boolean({ error: refusedAs(prop, "true or false", () => STALWART.bool) });
}

/** `u64` with the object's `validate()` bounds. */
export function unsigned(prop: string, bounds: { min?: number; max?: number } = {}) {
  const { min, max } = bounds;
  const range =
    min !== undefined && max !== undefined
      ? `an integer from ${min} to ${max}`
      : min !== undefined
        ? `an integer ≥ ${min}`
        : "a non-negative integer";
  const typeError = refusedAs(prop, range, () => STALWART.u64);
  let schema = z.int({ error: typeError }).check(z.nonnegative({ error: typeError }));
  if (min !== undefined) {
    schema = schema.check(
      z.minimum(min, { error: (iss) => refusal(range, iss.input, STALWART.min(prop, min)) }),
    );
  }
  if (max !== undefined) {
    schema = schema.check(
      z.maximum(max, { error: (iss) => refusal(range, iss.input, STALWART.max(prop, max)) }),
    );
  }
  return schema;
}

/**
 * `Duration`: milliseconds, an integer above 0. A string such as "5m" (the TOML habit) is
 * refused; the message gives its value in milliseconds, read as the TOML settings read it.
 */
export function duration(prop: string) {
  const expects = "milliseconds (an integer above 0)";
  return z
    .int({
      error: (iss) => {
        if (iss.input === undefined) return refusal(expects, undefined, STALWART.required(prop));
        const stalwart = typeof iss.input === "number" ? STALWART.duration : STALWART.durationPath;
        const ms = typeof iss.input === "string" ? parseDuration(iss.input) : undefined;
        const hint = ms === undefined ? "" : `; durations are milliseconds: write ${ms}`;
        return refusal(expects, iss.input, stalwart) + hint;
      },
    })
    .check(z.positive({ error: (iss) => refusal(expects, iss.input, STALWART.duration) }));
}

/**
 * A registry enum: its JSON names, and the Rust name of the field's default variant,
 * which Stalwart's message prints (`Invalid value Str("x") for enum type V4ThenV6.`).
 */
export function enumOf<const T extends readonly [string, ...string[]]>(
  values: T,
  rustDefault: string,
) {
  const expects = `one of ${values.map((v) => `"${v}"`).join(", ")}`;
  return z.enum(values, {
    error: (iss) =>
      refusal(
        expects,
        iss.input,
        `Invalid value ${jmapDebug(iss.input)} for enum type ${rustDefault}.`,
      ),
  });
}

/** jmap_tools' `Debug` of a JSON value (src/json/value.rs); containers abbreviated. */
function jmapDebug(value: unknown): string {
  if (value === null || value === undefined) return "Null";
  if (typeof value === "boolean") return `Bool(${value})`;
  if (typeof value === "number") return `Number(${value})`;
  if (typeof value === "string") return `Str(${rustStrDebug(value)})`;
  return Array.isArray(value) ? "Array […]" : "Object {…}";
}

/**
 * `IpAddr` (types/ipaddr.rs): a string Rust parses as an IP; 0.0.0.0 fails `is_valid()`.
 * Parsed once, in the transform (a refine and a transform parsed it twice: the v0.16
 * snapshot row of `npm run bench` was over its budget).
 */
export function ipAddress(prop: string) {
  const expects = "an IP address";
  return z.pipe(
    z.string({ error: refusedAs(prop, expects, () => STALWART.ipPath) }),
    z.transform((s: string, ctx) => {
      const ip = parseIp(s);
      if (ip !== null && ip.canonical !== "0.0.0.0") return ip.canonical;
      const message =
        ip === null
          ? refusal(expects, s, STALWART.ip)
          : refusal("an IP address other than 0.0.0.0", s, STALWART.invalid(prop, "0.0.0.0"));
      ctx.issues.push({ code: "custom", message, input: s });
      return z.NEVER;
    }),
  );
}

/** `Option<String>` under the `Hostname` validator: stored as sanitised (lower-case, IDNA). */
export function hostname(prop: string) {
  const expects = "a host name or IP address";
  const sanitised = z.pipe(
    text(prop),
    z.transform((s: string, ctx) => {
      const value = hostnameValue(s);
      if (value !== undefined) return value;
      ctx.issues.push({
        code: "custom",
        message: refusal(expects, s, STALWART.hostname),
        input: s,
      });
      return z.NEVER;
    }),
  );
  return z.optional(z.nullable(sanitised));
}

/** `id`, which JMAP `…/get` responses carry: server-set, read by nothing here. */
export const serverId = described(
  z.optional(z.string()),
  "Object id set by the server (in JMAP get responses); not read",
);

export function name(what: string) {
  return described(
    text("name"),
    `Short identifier for the ${what} (unique, read-only once created)`,
  );
}

export function description(what: string) {
  return described(optionalText("description"), `A short description of the ${what}`);
}

/** A tagged union on `@type`, refusing an object without a known `@type` as Stalwart does. */
export function tagged<const O extends readonly [z.ZodMiniObject, ...z.ZodMiniObject[]]>(
  options: O,
  names: string,
) {
  return z.discriminatedUnion("@type", options, {
    error: (iss) => refusal(`"@type" ${names}`, iss.input, STALWART.objectType),
  });
}
