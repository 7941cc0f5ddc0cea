/**
 * Helpers for workers tests that use the DNS harness (test/setup/dns-servers.ts):
 * the DoH URL of the counting proxy and its control API.
 */
import { inject } from "vitest";

export interface ProxyCounts {
  /** Queries per `"<name> <TYPE>"`, e.g. `"mx1.multi.zone.test A"`. */
  readonly counts: Record<string, number>;
  readonly total: number;
  /** Most requests the proxy had in flight at once since the last reset. */
  readonly maxInFlight: number;
}

export const dohUrl = (): string => inject("dohUrl");

export async function proxyCounts(): Promise<ProxyCounts> {
  const res = await fetch(`${inject("dnsProxyControl")}/__counts`);
  return (await res.json()) as ProxyCounts;
}

/** Zero the counts and max-in-flight, and remove any latency. */
export async function resetProxy(): Promise<void> {
  await (await fetch(`${inject("dnsProxyControl")}/__reset`, { method: "POST" })).arrayBuffer();
}

export async function setProxyLatency(ms: number): Promise<void> {
  await (
    await fetch(`${inject("dnsProxyControl")}/__latency?ms=${ms}`, { method: "POST" })
  ).arrayBuffer();
}

/** Queries the proxy saw for one name and type. */
export async function countOf(name: string, type: string): Promise<number> {
  return (await proxyCounts()).counts[`${name} ${type}`] ?? 0;
}
