/**
 * The functions that need the server (Stalwart's `ASYNC_FUNCTIONS`, functions/asynch.rs).
 * `dns_query` is real (through `env.dnsLookup`, throwing `PendingDns` when an answer is
 * not cached yet), `is_local_domain` answers from the user's list, and the store
 * functions return what Stalwart returns when the store has nothing, with a note.
 */
import type { Answer, LookupResult, QueryType } from "../../dns/types";
import { parseIp, reverseName } from "../../ip";
import { valueToString } from "../format";
import { type EvalEnv, PendingDns } from "../types";
import { arr, bool, EMPTY, int, str, type Value } from "../value";

const arg = (a: readonly Value[], i: number): string => valueToString(a[i] ?? EMPTY);

function lookup(env: EvalEnv, name: string, type: QueryType): LookupResult {
  const r = env.dnsLookup(name, type);
  if (r === undefined) throw new PendingDns(name, type);
  return r;
}

const addresses = (answers: readonly Answer[]): string[] =>
  answers.flatMap((a) =>
    a.type === "A" || a.type === "AAAA" ? [parseIp(a.address)?.canonical ?? a.address] : [],
  );

const ips = (env: EvalEnv, name: string, type: "A" | "AAAA"): string[] | null => {
  const r = lookup(env, name, type);
  return r.status === "ok" ? addresses(r.answers) : null;
};

/** `dns_query(name, type)`; any lookup failure gives `''`, as in Stalwart. */
function dnsQuery(env: EvalEnv, rawName: string, rawType: string): Value {
  const type = rawType.toLowerCase();
  const name = rawName.toLowerCase().replace(/\.$/, "");
  const list = (items: readonly string[]) => arr(items.map(str));
  switch (type) {
    case "ip": {
      // mail-auth's ip_lookup(Ipv4thenIpv6, 10): an A failure counts as empty; an AAAA
      // failure stands only when A gave nothing.
      const v4 = ips(env, name, "A") ?? [];
      const v6 = ips(env, name, "AAAA");
      if (v6 === null) return v4.length > 0 ? list(v4.slice(0, 10)) : EMPTY;
      return list([...v4, ...v6].slice(0, 10));
    }
    case "ipv4":
    case "ipv6": {
      const r = ips(env, name, type === "ipv4" ? "A" : "AAAA");
      return r === null ? EMPTY : list(r);
    }
    case "mx": {
      const r = lookup(env, name, "MX");
      if (r.status !== "ok") return EMPTY;
      const mx = r.answers.flatMap((a) => (a.type === "MX" ? [a] : []));
      // Grouped by preference, ascending; answer order kept within a preference.
      const sorted = mx
        .map((a, i) => ({ a, i }))
        .sort((x, y) => x.a.preference - y.a.preference || x.i - y.i);
      return list(sorted.map(({ a }) => a.exchange.toLowerCase().replace(/\.$/, "")));
    }
    case "txt": {
      const r = lookup(env, name, "TXT");
      if (r.status !== "ok") return EMPTY;
      return str(r.answers.map((a) => (a.type === "TXT" ? a.text : "")).join(""));
    }
    case "ptr": {
      const ip = parseIp(rawName);
      if (!ip) return EMPTY;
      const r = lookup(
        env,
        `${reverseName(ip)}.${ip.family === 4 ? "in-addr" : "ip6"}.arpa`,
        "PTR",
      );
      if (r.status !== "ok") return EMPTY;
      return list(
        r.answers.flatMap((a) =>
          a.type === "PTR" ? [a.name.endsWith(".") ? a.name : `${a.name}.`] : [],
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
      return bool(env.isLocalDomain(arg(args, 0), arg(args, 1)));
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
