/**
 * The floor of the DNS critical path in this runtime and rig, for the bench only: the
 * same DoH exchanges the app makes for an `mxN.bench.test` domain (the MX query, then
 * every host's A and AAAA at once), with nothing else: no config, no planner, no cache,
 * no trace. What the app takes beyond this is the app's own cost; the floor itself is
 * workerd's fetch plus the proxy, dnsdist and BIND, on the same cores.
 */
import type { QueryType } from "../functions/core/dns/types";
import { base64Url, decodeResponse, encodeQuery } from "../functions/core/dns/wire";

async function exchange(doh: string, name: string, type: QueryType): Promise<Uint8Array> {
  const sep = doh.includes("?") ? "&" : "?";
  const res = await fetch(`${doh}${sep}dns=${base64Url(encodeQuery(name, type))}`, {
    headers: { accept: "application/dns-message" },
  });
  return new Uint8Array(await res.arrayBuffer());
}

/** Returns the number of exchanges made (1 + 2 × hosts). */
export async function floorLookups(doh: string, domain: string): Promise<number> {
  const mx = decodeResponse(await exchange(doh, domain, "MX"), domain, "MX");
  if (mx.kind === "error") throw new Error(`floor: MX of ${domain}: ${mx.message}`);
  const hosts = mx.records.flatMap((r) =>
    r.kind === "answer" && r.answer.type === "MX" ? [r.answer.exchange] : [],
  );
  await Promise.all(hosts.flatMap((h) => [exchange(doh, h, "A"), exchange(doh, h, "AAAA")]));
  return 1 + 2 * hosts.length;
}
