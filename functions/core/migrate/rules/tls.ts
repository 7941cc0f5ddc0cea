/**
 * TLS strategies (spec stalwart-strategy.md §6, M9): the four `queue.outbound.tls.*` keys
 * × `timeouts.tls` × `timeouts.mta-sts` become the TLS selector (HOST variables, a
 * superset of their MX, RCPT and HOST sets) and one `[queue.tls.<id>]` per distinct
 * combination. v0.12's built-in `allow-invalid-certs` (true on a retry after a TLS error)
 * becomes, as in v0.13's own defaults, a strategy named `invalid-tls`.
 */
import { TRANSPORT_SETTINGS } from "../../config/settings-transport";
import { type ChoiceSources, choicesOf } from "../choices";
import { Names, productOf, select } from "../selector";
import type { Selector, TlsDef } from "../types";

type TlsDraft = Omit<TlsDef, "name" | "origins">;

export interface TlsStrategies {
  readonly selector: Selector;
  readonly tls: readonly TlsDef[];
}

export function migrateTls(sources: ChoiceSources): TlsStrategies {
  const t = TRANSPORT_SETTINGS;
  const drafts = productOf<TlsDraft>("tls", {
    dane: choicesOf(t.tlsDane, sources),
    mtaSts: choicesOf(t.tlsMtaSts, sources),
    startTls: choicesOf(t.tlsStarttls, sources),
    allowInvalidCerts: choicesOf(t.tlsAllowInvalidCerts, sources),
    tlsTimeout: choicesOf(t.timeoutTls, sources),
    mtaStsTimeout: choicesOf(t.timeoutMtaSts, sources),
  });
  const names = new Names();
  const fallback = drafts[drafts.length - 1]?.value;
  const onlyInvalidCerts = (d: TlsDraft) =>
    fallback !== undefined &&
    d.allowInvalidCerts &&
    JSON.stringify({ ...d, allowInvalidCerts: false }) === JSON.stringify(fallback);
  const { selector, defs } = select(
    "tls",
    drafts,
    (d) => JSON.stringify(d),
    (d, isElse) => names.take(isElse ? "default" : onlyInvalidCerts(d) ? "invalid-tls" : "tls"),
  );
  return { selector, tls: defs.map(({ name, value, origins }) => ({ ...value, name, origins })) };
}
