/**
 * Whether one mechanism matches the client (RFC 7208 §5), `include` aside (check-host.ts):
 * `all`, `ip4`, `ip6` from the record alone; `a`, `mx`, `ptr`, `exists` through DNS, each
 * counted against the limits of §4.6.4.
 */
import type { LookupResult } from "../dns/types";
import { parseIp } from "../ip";
import { inPrefix } from "./address";
import { termProblem } from "./problems";
import { withinDomain } from "./ptr";
import { SPF_LIMITS, type SpfRun } from "./run";
import { type Directive, type SpfProblem, SpfProblemCode } from "./types";

export type MechanismResult =
  | { readonly match: boolean; readonly detail?: string }
  | { readonly error: "permerror" | "temperror"; readonly problem: SpfProblem };

const permerror = (problem: SpfProblem): MechanismResult => ({ error: "permerror", problem });

function dnsError(domain: string, d: Directive, name: string, message: string): MechanismResult {
  const text = `${JSON.stringify(d.text)} in the record of ${domain}: the lookup of ${name} failed (${message}): temperror (RFC 7208 §5).`;
  return { error: "temperror", problem: termProblem(SpfProblemCode.DnsError, domain, d, text) };
}

/** A lookup that found nothing: counted (§4.6.4), and no match. */
function voidLookup(run: SpfRun, domain: string, d: Directive, what: string): MechanismResult {
  const over = run.countVoid(domain, d);
  if (over) return permerror(over);
  return { match: false, detail: `${what}: void lookup ${run.voids} of ${SPF_LIMITS.voidLookups}` };
}

function addressMatch(run: SpfRun, d: Directive, answers: LookupResult): string | undefined {
  if (answers.status !== "ok") return undefined;
  const bits = run.ip.family === 4 ? (d.cidr4 ?? 32) : (d.cidr6 ?? 128);
  for (const a of answers.answers) {
    if (a.type !== "A" && a.type !== "AAAA") continue;
    const address = parseIp(a.address);
    if (address && inPrefix(run.ip, address, bits)) return a.address;
  }
  return undefined;
}

async function mx(run: SpfRun, d: Directive, domain: string, name: string) {
  const records = await run.lookup(name, "MX");
  if (records.status === "error") return dnsError(domain, d, `${name} MX`, records.message);
  if (records.status === "not_found") return voidLookup(run, domain, d, `no MX records at ${name}`);
  // A null MX (RFC 7505, exchange ".") has no address to match.
  const exchanges = records.answers
    .flatMap((a) => (a.type === "MX" && a.exchange !== "." ? [a] : []))
    .sort((x, y) => x.preference - y.preference);
  if (exchanges.length > SPF_LIMITS.mxNames) {
    const text = `${JSON.stringify(d.text)} in the record of ${domain}: ${name} has ${exchanges.length} MX hosts, more than the ${SPF_LIMITS.mxNames} an mx mechanism may look up: permerror (RFC 7208 §4.6.4).`;
    return permerror(termProblem(SpfProblemCode.MxLimit, domain, d, text));
  }
  // Looked up side by side, judged in preference order.
  const type = run.addressType;
  const all = await Promise.all(exchanges.map((x) => run.lookup(x.exchange, type)));
  for (const [i, answers] of all.entries()) {
    const host = exchanges[i]?.exchange ?? "";
    if (answers.status === "error") return dnsError(domain, d, `${host} ${type}`, answers.message);
    const hit = addressMatch(run, d, answers);
    if (hit) return { match: true, detail: `${hit} is an address of MX ${host}` };
  }
  return { match: false };
}

async function ptr(run: SpfRun, d: Directive, domain: string, target: string) {
  const v = await run.validatedNames();
  // §5.5: a failed PTR lookup makes the mechanism not match; no PTR record is void.
  if (v.status === "error") return { match: false, detail: `PTR lookup failed (${v.error})` };
  if (v.status === "not_found") return voidLookup(run, domain, d, "no PTR record");
  const hit = v.validated.find((n) => withinDomain(n, target));
  return hit ? { match: true, detail: `validated name ${hit}` } : { match: false };
}

export async function evaluateMechanism(
  run: SpfRun,
  d: Directive,
  domain: string,
): Promise<MechanismResult> {
  switch (d.mechanism) {
    case "all":
      return { match: true };
    case "ip4":
    case "ip6": {
      const bits = d.mechanism === "ip4" ? (d.cidr4 ?? 32) : (d.cidr6 ?? 128);
      return { match: d.network !== undefined && inPrefix(run.ip, d.network, bits) };
    }
    default:
      break;
  }
  const over = run.countTerm(domain, d);
  if (over) return permerror(over);
  const name = await run.target(d.target, domain);
  if (d.mechanism === "ptr") {
    return name === undefined ? { match: false } : ptr(run, d, domain, name);
  }
  // §4.3/§5 (RFC 7208 leaves it open): a name DNS cannot hold does not exist.
  if (name === undefined) return voidLookup(run, domain, d, "not a valid DNS name");
  if (d.mechanism === "mx") return mx(run, d, domain, name);
  const type = d.mechanism === "exists" ? "A" : run.addressType;
  const answers = await run.lookup(name, type);
  if (answers.status === "error") return dnsError(domain, d, `${name} ${type}`, answers.message);
  if (answers.status === "not_found")
    return voidLookup(run, domain, d, `no ${type} records at ${name}`);
  if (d.mechanism === "exists") return { match: true, detail: `${name} exists` };
  const hit = addressMatch(run, d, answers);
  return hit ? { match: true, detail: `${hit} is an address of ${name}` } : { match: false };
}
