/**
 * Notes on a strategy config that Stalwart itself never gives, about the classic upgrade
 * surprises (spec stalwart-strategy.md §5, §8): a relay address that is an IP literal
 * (looked up in DNS until v0.16, #838), the implicit-TLS default that flipped in v0.16,
 * and `local_ip` / `remote_ip` in a host expression, which hold the previous attempt's
 * values when it is evaluated (delivery.rs @v0.15.5:857-885).
 */

import type { Diagnostic } from "../errors";
import { mentions } from "../expr/parser";
import type { Expression } from "../expr/types";
import { parseIp } from "../ip";
import type { RelayRoute, Selector, StrategyConfig } from "./strategy-config";

export const NoteCode = {
  RelayIpLiteral: "relay_ip_literal",
  RelayImplicitTls: "relay_implicit_tls_default",
  StaleLocalIp: "stale_local_ip",
} as const;

type Place = (key: string) => { start: number; end: number } | undefined;

/**
 * Relay routes: `fieldKey(route, field)` names a field's key (`queue.route.r.port`,
 * `MtaRoute[r].port`), `written(key)` whether the text sets it.
 */
export function relayNotes(
  config: StrategyConfig,
  fieldKey: (route: RelayRoute, field: "address" | "tls" | "port") => string,
  written: (key: string) => boolean,
  place: Place,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const route of config.routes.values()) {
    if (route.kind !== "relay" || route.origin !== "config") continue;
    const ip = parseIp(route.address);
    if (ip !== null && config.model === "v0.13") {
      const key = fieldKey(route, "address");
      out.push({
        severity: "warning",
        code: NoteCode.RelayIpLiteral,
        message: `Relay "${route.name}" has an IP address, which Stalwart v0.13–v0.15 still look up as a DNS name (A/AAAA of "${route.address}."): that finds nothing, so delivery fails with "record not found for MX" (stalwart#838, fixed in v0.16). Give the relay a host name`,
        key,
        ...(place(key) ?? {}),
      });
    }
    const tlsKey = fieldKey(route, "tls");
    if (written(tlsKey)) continue;
    const flip =
      config.model === "v0.13"
        ? route.port !== 465 &&
          `Relay "${route.name}" has no tls.implicit, and Stalwart v0.13–v0.15 default it to true: it opens TLS at once on port ${route.port}, where a server expects STARTTLS (the web admin writes false). Set tls.implicit = false, or the port to 465`
        : route.port === 465 &&
          `Relay "${route.name}" on port 465 has no implicitTls, and Stalwart v0.16 defaults it to false (it was true up to v0.15): it waits for a plain-text greeting a port-465 server never sends. Set "implicitTls": true`;
    if (flip === false) continue;
    const at = route.at;
    out.push({
      severity: "info",
      code: NoteCode.RelayImplicitTls,
      message: flip,
      key: tlsKey,
      ...(at ? { start: at.start, end: at.end } : {}),
    });
  }
  return out;
}

/** Host selectors reading `local_ip` or `remote_ip`: their values are the previous attempt's. */
export function staleAddresses(selectors: readonly Selector[], place: Place): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const selector of selectors) {
    const block = selector.block;
    if (block.origin === "builtin") continue;
    const exprs: { expr: Expression; key: string | undefined }[] = block.branches.flatMap((b) => [
      { expr: b.condition, key: b.conditionKey },
      { expr: b.then, key: b.thenKey },
    ]);
    if (block.default !== null) exprs.push({ expr: block.default, key: block.defaultKey });
    const found = exprs.find(({ expr }) =>
      selector.name === "connection"
        ? mentions(expr, "var", "local_ip")
        : mentions(expr, "var", "local_ip") || mentions(expr, "var", "remote_ip"),
    );
    if (found?.key === undefined) continue;
    const what =
      selector.name === "connection"
        ? "local_ip is the source address the previous attempt bound (0.0.0.0 before the first): Stalwart evaluates the connection strategy before it picks this attempt's source address"
        : "remote_ip and local_ip are the last addresses of the previous host (0.0.0.0 for the first host): Stalwart evaluates the TLS strategy before it connects to this host";
    out.push({
      severity: "info",
      code: NoteCode.StaleLocalIp,
      message: `In ${selector.key}, ${what}`,
      key: found.key,
      ...(place(found.key) ?? {}),
    });
  }
  return out;
}
