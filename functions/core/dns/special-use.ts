/**
 * Names Stalwart's resolver answers itself, without a query (hickory-resolver's
 * `CachingClient`, RFC 6761 §6.3–6.4 and RFC 7686): `localhost` and the names under it
 * are 127.0.0.1 and ::1 (no record of any other type), and names under `invalid` and
 * `onion` do not exist. So an MX host or relay `localhost` is never looked up in DNS.
 */
import type { LookupResult, QueryType } from "./types";

const under = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** The answer for `name` (lower-case, no trailing dot), or undefined for an ordinary name. */
export function specialUseAnswer(name: string, type: QueryType): LookupResult | undefined {
  if (under(name, "localhost")) {
    if (type === "A") return { status: "ok", answers: [{ type: "A", address: "127.0.0.1" }] };
    if (type === "AAAA") return { status: "ok", answers: [{ type: "AAAA", address: "::1" }] };
    if (type === "PTR") return { status: "ok", answers: [{ type: "PTR", name: "localhost." }] };
    return { status: "not_found", rcode: "NOERROR" };
  }
  if (under(name, "invalid") || under(name, "onion")) {
    return { status: "not_found", rcode: "NXDOMAIN" };
  }
  return undefined;
}
