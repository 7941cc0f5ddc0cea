/**
 * `MtaRoute` (crates/registry/src/schema/structs.rs @v0.16.18:3758-3811, tagged by `@type`
 * Mx | Relay | Local) and the relay's `SecretKeyOptional` (4667). Defaults and bounds:
 * structs_impl.rs `impl Default`/`validate` for MtaRouteMx (27818-27876) and MtaRouteRelay
 * (27920-27985): `maxMxHosts`/`maxMultihomed` at least 1, `port` 1–65535, `implicitTls`
 * false (it was true in v0.13–v0.15). The address goes through the `Trim` validator.
 */
import * as z from "zod/mini";
import { described } from "../../zod-describe";
import {
  bool,
  description,
  enumOf,
  name,
  optionalText,
  serverId,
  tagged,
  text,
  trimmedText,
  unsigned,
} from "./fields";

const routeCommon = { id: serverId, name: name("route"), description: description("route") };

export const MtaRouteMxSchema = z.strictObject({
  "@type": z.literal("Mx"),
  ...routeCommon,
  ipLookupStrategy: described(
    z._default(enumOf(["v4ThenV6", "v6ThenV4", "v4Only", "v6Only"], "V4ThenV6"), "v4ThenV6"),
    "IP resolution strategy for MX hosts",
  ),
  maxMultihomed: described(
    z._default(unsigned("maxMultihomed", { min: 1 }), 2),
    "For multi-homed remote servers, the maximum number of IP addresses to try on each delivery attempt",
  ),
  maxMxHosts: described(
    z._default(unsigned("maxMxHosts", { min: 1 }), 5),
    "Maximum number of MX hosts to try on each delivery attempt",
  ),
});

export const SecretKeyOptionalSchema = tagged(
  [
    z.strictObject({ "@type": z.literal("None") }),
    // `secret` is required by Stalwart; `stalwart-cli snapshot` leaves it out unless
    // --include-secrets, so an absent one is read as stripped (registry_secret_stripped).
    z.strictObject({
      "@type": z.literal("Value"),
      secret: described(z.optional(text("secret")), "Password or secret value"),
    }),
    z.strictObject({
      "@type": z.literal("EnvironmentVariable"),
      variableName: described(
        text("variableName"),
        "Environment variable name to read the secret from",
      ),
    }),
    z.strictObject({
      "@type": z.literal("File"),
      filePath: described(text("filePath"), "File path to read the secret from"),
    }),
  ],
  '"None", "Value", "EnvironmentVariable" or "File"',
);

export const MtaRouteRelaySchema = z.strictObject({
  "@type": z.literal("Relay"),
  ...routeCommon,
  address: described(
    trimmedText("address"),
    "The address of the remote SMTP server, an IP address (used without DNS) or a domain name",
  ),
  port: described(
    z._default(unsigned("port", { min: 1, max: 65535 }), 25),
    "The port number of the remote server, typically 25 for SMTP and 11200 for LMTP",
  ),
  protocol: described(
    z._default(enumOf(["smtp", "lmtp"], "Smtp"), "smtp"),
    "The protocol to use when delivering messages to the remote server",
  ),
  implicitTls: described(
    z._default(bool("implicitTls"), false),
    "Whether to use TLS for all connections to the remote server (false by default since v0.16; true in v0.13–v0.15)",
  ),
  allowInvalidCerts: described(
    z._default(bool("allowInvalidCerts"), false),
    "Whether to allow connections to servers with invalid TLS certificates",
  ),
  authUsername: described(
    optionalText("authUsername"),
    "The username to use when authenticating with the remote server",
  ),
  authSecret: described(
    z._default(SecretKeyOptionalSchema, () => ({ "@type": "None" as const })),
    "The secret to use when authenticating with the remote server",
  ),
});

export const MtaRouteLocalSchema = z.strictObject({ "@type": z.literal("Local"), ...routeCommon });

export const MtaRouteSchema = tagged(
  [MtaRouteMxSchema, MtaRouteRelaySchema, MtaRouteLocalSchema],
  '"Mx", "Relay" or "Local"',
);
export type MtaRoute = z.output<typeof MtaRouteSchema>;
