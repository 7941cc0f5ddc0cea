/**
 * The "why" section: one card per host in try order, with its addresses (tried and
 * dropped), the reasons, a headline when it has nothing to try, and its source IPs.
 */
import type { PlannedHost, TraceEntry } from "../../core-adapter";
import { badge, h, mono } from "../../dom";
import { dropReason, familyOf, hostWhy } from "../explain";
import { hostHeadline } from "../outcome-text";

const familyBadge = (ip: string): HTMLElement =>
  familyOf(ip) === "ipv6" ? badge("IPv6", "v6") : badge("IPv4", "v4");

/** v0.12 picks once per host; v0.13+ per attempt, from the connection strategy. */
const PICKED: Readonly<Record<"host" | "attempt", string>> = {
  host: " (one picked at random per host, reused for all its connections)",
  attempt: " (of the connection strategy at the host's first address; one is picked per attempt)",
};

function sourceLine(
  label: string,
  src: { readonly candidates: readonly string[]; readonly picked: string | null } | undefined,
  pick: "host" | "attempt",
): HTMLElement[] {
  const cands = src?.candidates ?? [];
  const dd =
    cands.length === 0
      ? h("dd", null, h("em", { class: "muted" }, "none configured: unbound, the OS chooses"))
      : h(
          "dd",
          null,
          ...cands.flatMap((c, i) => [
            i > 0 ? ", " : "",
            c === src?.picked ? h("strong", null, mono(c), " ✓ picked") : mono(c),
          ]),
          cands.length > 1 || pick === "attempt"
            ? h("span", { class: "muted" }, PICKED[pick])
            : null,
        );
  return [h("dt", null, label), dd];
}

function addressList(host: PlannedHost, multihomed: number | undefined): HTMLElement {
  const ips = h("ol", { class: "ip-list", "aria-label": "addresses in try order" });
  for (const ip of host.ips) ips.append(h("li", null, mono(ip), " ", familyBadge(ip)));
  for (const d of host.dropped) {
    ips.append(
      h(
        "li",
        null,
        h("span", { class: "dropped" }, mono(d.ip)),
        h("span", { class: "reason" }, `✗ not tried: ${dropReason(d.reason, multihomed)}`),
      ),
    );
  }
  if (host.ips.length === 0 && host.dropped.length === 0)
    ips.append(h("li", { class: "muted" }, "no addresses"));
  return ips;
}

export function hostCard(
  host: PlannedHost,
  index: number,
  shuffled: ReadonlySet<number>,
  multihomed: number | undefined,
  dns: readonly TraceEntry[],
  pick: "host" | "attempt" = "host",
): HTMLElement {
  const pref = host.preference;
  const headline = hostHeadline(host, dns);
  return h(
    "article",
    { class: "host-card" },
    h(
      "header",
      null,
      h("h3", null, `${index + 1}. `, mono(host.name)),
      pref != null ? badge(`preference ${pref}`) : null,
      pref != null && shuffled.has(pref) ? badge("shuffled group", "warn") : null,
      host.implicit ? badge("implicit MX", "warn") : null,
      host.strategy ? badge(host.strategy) : null,
      host.error
        ? badge(host.error.permanent ? "permanent error" : "temporary error", "err")
        : null,
    ),
    headline ? h("p", { class: "sev-error host-headline" }, headline) : null,
    addressList(host, multihomed),
    ...hostWhy(host, multihomed).map((w) => h("p", { class: "why" }, w)),
    h(
      "dl",
      { class: "kv" },
      ...sourceLine("source v4", host.source?.v4, pick),
      ...sourceLine("source v6", host.source?.v6, pick),
    ),
  );
}
