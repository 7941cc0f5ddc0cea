/**
 * What a plan means, in plain words: the outcome (local delivery, relay, temporary or
 * permanent failure, each with what Stalwart then does) and a headline per host that
 * says why it has no address, from the lookups in the DNS trace. Pure functions over
 * the plan, unit-tested without a DOM.
 */
import type { Plan, PlannedHost, TraceEntry } from "../core-adapter";
import { formatDuration } from "./explain";

export type OutcomeStyle = "attempts" | "relay" | "local" | "temporary" | "permanent";

export interface OutcomeText {
  readonly style: OutcomeStyle;
  readonly title: string;
  /** What Stalwart does next. */
  readonly next: string;
}

const bare = (name: string): string => name.replace(/\.$/, "").toLowerCase();

/**
 * A DoH failure in words: "network error: <the runtime's own text>" (doh-client.ts) says
 * only that the resolver could not be reached, whatever the runtime's text is.
 */
export function plainError(message: string): string {
  return message.replace(
    /network error: .*$/s,
    "the DNS resolver could not be reached (is it down, or is this machine offline?)",
  );
}

/** The relay a plan goes through, as "name (address:port, protocol, TLS)". */
export function relayText(hop: NonNullable<Plan["nextHop"]>): string {
  const where = hop.port != null ? `${hop.address ?? "?"}:${hop.port}` : (hop.address ?? "?");
  const tls =
    hop.implicitTls === undefined ? "" : hop.implicitTls ? ", implicit TLS" : ", STARTTLS";
  return `'${hop.relay ?? "?"}' at ${where} (${(hop.protocol ?? "smtp").toUpperCase()}${tls})`;
}

export function outcomeText(res: Plan): OutcomeText {
  const kind = res.outcome?.kind;
  const message = plainError(res.outcome?.message ?? "");
  if (kind === "local_delivery") {
    return {
      style: "local",
      title: "Local delivery",
      next: "next-hop is 'local': Stalwart hands the message to its own mailbox store; no remote host and no IP address is involved.",
    };
  }
  if (kind === "temporary_failure") {
    const wait = res.retry ? ` (the next try in ${formatDuration(res.retry.nextInMs)})` : "";
    return {
      style: "temporary",
      title: `Temporary failure: ${message}`,
      next: `Stalwart keeps the message and tries again on queue.schedule.retry${wait}.`,
    };
  }
  if (kind === "permanent_failure") {
    return {
      style: "permanent",
      title: `Permanent failure: ${message}`,
      next: "Stalwart gives up at once and bounces the message (a DSN to the sender).",
    };
  }
  if (res.nextHop?.kind === "relay") {
    return {
      style: "relay",
      title: `Through the relay ${relayText(res.nextHop)}`,
      next: "next-hop names a remote host: no MX lookup; the relay's address is the only host.",
    };
  }
  return { style: "attempts", title: "", next: "" };
}

/** "no AAAA record for mx2…", "no such name as mx2… (NXDOMAIN)", "the A lookup … failed (SERVFAIL)". */
function lookupText(host: string, type: "A" | "AAAA", dns: readonly TraceEntry[]): string {
  const row = dns.find((t) => t.type === type && bare(t.name) === bare(host));
  if (!row) return `no ${type} lookup was made for ${host}`;
  if (row.rcode === "NXDOMAIN") return `no such name as ${host} (NXDOMAIN)`;
  if (row.rcode === "NOERROR" && row.answers.length === 0) return `no ${type} record for ${host}`;
  if (row.rcode === "NOERROR") return `${type} records for ${host}`;
  return `the ${type} lookup for ${host} failed (${row.rcode})`;
}

/**
 * Why a host has nothing to try, naming the lookups the strategy made and Stalwart's own
 * message (lookup.rs: the error it records for the host), or null for a host with addresses.
 */
export function hostHeadline(host: PlannedHost, dns: readonly TraceEntry[]): string | null {
  if (!host.error) return null;
  const strategy = host.strategy ?? "";
  const stalwart = `Stalwart reports “${host.error.message}”`;
  const kind = host.error.permanent ? "permanent" : "temporary";
  if (strategy === "ipv4_only" || strategy === "ipv6_only") {
    const type = strategy === "ipv4_only" ? "A" : "AAAA";
    const text = lookupText(host.name, type, dns);
    return `${cap(text)}, and ${strategy} asks for nothing else; ${stalwart} (${kind}).`;
  }
  if (strategy.includes("_then_")) {
    const [first, second] = strategy.startsWith("ipv4")
      ? (["A", "AAAA"] as const)
      : (["AAAA", "A"] as const);
    return `${cap(lookupText(host.name, first, dns))} and ${lookupText(host.name, second, dns)}; ${stalwart} (${kind}).`;
  }
  return `${stalwart} (${kind}).`;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
