/**
 * What the strategy-era models (Stalwart v0.13–v0.15, v0.16) add to the result: the
 * version and why, the route the route selector chose (and when it is a silent fallback),
 * and per attempt the connection strategy, the EHLO name and where it came from, the
 * source candidates and the `local_ip` the connection expression saw. Every model's
 * attempts carry their EHLO name.
 */
import type { Attempt, Branch, Plan } from "../../core-adapter";
import { MODEL_NAMES } from "../../core-adapter";
import { badge, h, mono } from "../../dom";

type Route = NonNullable<Plan["route"]>;

/** Which branch of a selector chose a name, in words. */
export function choiceText(branch: Branch): string {
  if (typeof branch.index === "number")
    return `branch ${branch.index + 1} (if ${branch.condition})`;
  return branch.index === "else" ? "the else branch" : "the selector's single value or default";
}

const EHLO_FROM: Readonly<Record<NonNullable<Attempt["ehlo"]>["from"], string>> = {
  "source-ip": "the source address's own name",
  connection: "the connection's ehlo-hostname",
  server: "the server hostname (no connection or source address names one)",
  hostname: "queue.outbound.hostname",
};

function relayText(r: NonNullable<Route["relay"]>): string {
  const tls = r.implicitTls ? "implicit TLS" : "STARTTLS";
  const auth = r.auth ? `, AUTH as ${r.auth.username}` : "";
  return `${r.address}:${r.port} (${r.protocol.toUpperCase()}, ${tls}${auth})`;
}

/**
 * The model line of the summary: the version the config was read as; why is said beside
 * the picker (and here on hover), where the result's narrow column has no room for it.
 */
export function modelLine(res: Plan): HTMLElement {
  return h(
    "span",
    {
      class: "small",
      id: "result-model",
      "data-model": res.model,
      title: res.modelReason?.replace(/`/g, "") ?? null,
    },
    `Read as ${MODEL_NAMES[res.model]}`,
  );
}

/** The route line for a v0.13+ plan: name, kind, who chose it, and a silent fallback. */
export function routeLine(route: Route, hostname: string): HTMLElement {
  const what =
    route.kind === "relay" && route.relay
      ? ["relay ", mono(relayText(route.relay))]
      : route.kind === "local"
        ? ["local delivery"]
        : [`MX lookup${route.ipLookup ? ` (${route.ipLookup})` : ""}`];
  return h(
    "span",
    { class: "small", id: "result-route", "data-route": route.name },
    "Route ",
    mono(`'${route.name}'`),
    ": ",
    ...what,
    h("span", { class: "muted" }, ` · chosen by ${choiceText(route.branch)}`),
    route.fallback
      ? h(
          "span",
          { class: "sev-warning", id: "route-fallback" },
          ` · no route '${route.name}' is defined: Stalwart falls back to its built-in ${route.kind === "local" ? "local" : "MX"} route`,
        )
      : null,
    h("span", { class: "muted" }, " · server hostname "),
    mono(hostname),
  );
}

/**
 * Under an attempt of a v0.13+ plan: its connection strategy, EHLO name and source
 * candidates (v0.12's EHLO name is the same for every attempt: the summary says it).
 */
export function attemptRoute(a: Attempt): HTMLElement | null {
  const c = a.connection;
  if (!c) return null;
  const parts: (HTMLElement | string)[] = [
    "connection ",
    mono(`'${c.name}'`),
    c.fallback ? " " : "",
    c.fallback ? badge("not defined: built-in, unbound", "warn") : "",
    h("span", { class: "muted" }, ` (${choiceText(c.branch)}, local_ip ${c.localIp})`),
  ];
  if (a.ehlo) {
    parts.push(
      " · EHLO ",
      mono(a.ehlo.name),
      h("span", { class: "muted" }, ` from ${EHLO_FROM[a.ehlo.from]}`),
    );
  }
  const cands = a.sourceCandidates ?? [];
  if (cands.length > 1) {
    parts.push(
      " · ",
      h("span", { class: "muted" }, "picked at random among "),
      ...cands.flatMap((x, i) => [i > 0 ? ", " : "", mono(x.ip)]),
    );
  }
  return h("div", { class: "via small" }, ...parts);
}
