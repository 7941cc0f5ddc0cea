/**
 * The functions that need the server (Stalwart's `ASYNC_FUNCTIONS`, functions/asynch.rs).
 * `dns_query` is real (through `env.dnsLookup`, throwing `PendingDns` when an answer is
 * not cached yet), `is_local_domain` answers from the user's list, and the store
 * functions return what Stalwart returns when the store has nothing, with a note.
 */
import type { Answer, LookupResult, QueryType } from "../../dns/types";
import { CoreError, CoreErrorCode } from "../../errors";
import { parseIp, reverseLookupName } from "../../ip";
import { valueToString } from "../format";
import { type EvalEnv, PendingDns } from "../types";
import { arr, bool, EMPTY, int, str, type Value } from "../value";

const arg = (a: readonly Value[], i: number): string => valueToString(a[i] ?? EMPTY);

function lookup(env: EvalEnv, name: string, type: QueryType): LookupResult {
  const r = env.dnsLookup(name, type);
  if (r === undefined) throw new PendingDns(name, type);
  return r;
}

/**
 * The answers of a lookup. A lookup that fails (not found included) is an error of the
 * whole evaluation, as `dns_query` propagates it with `?` in Stalwart (functions/asynch.rs):
 * the setting is abandoned and takes its built-in default.
 */
function answers(env: EvalEnv, name: string, type: QueryType): readonly Answer[] {
  const r = lookup(env, name, type);
  if (r.status === "ok") return r.answers;
  const why = r.status === "not_found" ? `no record (${r.rcode})` : r.message;
  throw new CoreError(
    CoreErrorCode.ExprEval,
    `dns_query() failed: the ${type} lookup of ${JSON.stringify(name)} found ${why}`,
  );
}

/** Addresses as Rust prints them (`IpAddr::to_string`). */
const addresses = (list: readonly Answer[]): Value =>
  arr(
    list.flatMap((a) =>
      a.type === "A" || a.type === "AAAA" ? [str(parseIp(a.address)?.canonical ?? a.address)] : [],
    ),
  );

/**
 * mail-auth's `ip_lookup(Ipv4thenIpv6, 10)`: the A answers when the A lookup succeeds,
 * else the AAAA answers; never both. The AAAA lookup's failure is the error.
 */
function ipLookup(env: EvalEnv, name: string): Value {
  const v4 = lookup(env, name, "A");
  const found = v4.status === "ok" ? v4.answers : answers(env, name, "AAAA");
  return addresses(found.slice(0, 10));
}

/** `dns_query(name, type)` (functions/asynch.rs); an unknown type gives `''`. */
function dnsQuery(env: EvalEnv, rawName: string, rawType: string): Value {
  const name = rawName.toLowerCase().replace(/\.$/, "");
  switch (rawType.toLowerCase()) {
    case "ip":
      return ipLookup(env, name);
    case "ipv4":
      return addresses(answers(env, name, "A"));
    case "ipv6":
      return addresses(answers(env, name, "AAAA"));
    case "mx": {
      // mail-auth groups the exchanges by preference, ascending, answer order kept within.
      const mx = answers(env, name, "MX").flatMap((a) => (a.type === "MX" ? [a] : []));
      const sorted = mx
        .map((a, i) => ({ a, i }))
        .sort((x, y) => x.a.preference - y.a.preference || x.i - y.i);
      return arr(sorted.map(({ a }) => str(a.exchange.toLowerCase().replace(/\.$/, ""))));
    }
    case "txt":
      return str(
        answers(env, name, "TXT")
          .map((a) => (a.type === "TXT" ? a.text : ""))
          .join(""),
      );
    case "ptr": {
      const ip = parseIp(rawName);
      if (ip === null) {
        throw new CoreError(
          CoreErrorCode.ExprEval,
          `dns_query() failed: ${JSON.stringify(rawName)} is not an IP address (Failed to parse IP address)`,
        );
      }
      const arpa = reverseLookupName(ip);
      return arr(
        answers(env, arpa, "PTR").flatMap((a) =>
          a.type === "PTR" ? [str(a.name.endsWith(".") ? a.name : `${a.name}.`)] : [],
        ),
      );
    }
    default:
      return EMPTY;
  }
}

function noStore(env: EvalEnv, fn: string, result: Value, shown: string): Value {
  env.note?.(
    "store_unavailable",
    `${fn}() needs a store; the playground has none, so it returned ${shown}`,
  );
  return result;
}

export function callServerFunction(name: string, args: readonly Value[], env: EvalEnv): Value {
  switch (name) {
    case "is_local_domain":
      // v0.16 takes the domain alone (one argument); before, a directory and the domain.
      return bool(
        args.length === 1
          ? env.isLocalDomain("", arg(args, 0))
          : env.isLocalDomain(arg(args, 0), arg(args, 1)),
      );
    case "dns_query":
      return dnsQuery(env, arg(args, 0), arg(args, 1));
    case "is_local_address":
      return noStore(env, name, int(0), "false (0)");
    case "key_get":
      return noStore(env, name, EMPTY, "''");
    case "key_exists":
      return noStore(env, name, int(0), "false (0)");
    case "key_set":
      return noStore(env, name, int(0), "false (0)");
    case "counter_incr":
      return noStore(env, name, EMPTY, "''");
    case "counter_get":
      return noStore(env, name, int(0), "0");
    case "sql_query":
      return noStore(env, name, EMPTY, "''");
    default:
      return EMPTY;
  }
}
