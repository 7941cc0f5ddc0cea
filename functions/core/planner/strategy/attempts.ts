/**
 * Steps 4–6 of a strategy plan (spec §2.6–2.10), per host and per remote address in try
 * order, as the delivery loop runs them (delivery.rs @v0.15.5:570-929, @v0.16.18:
 * 662-1096):
 * - per host, `mx` is the host and the TLS strategy is evaluated again (v0.13–v0.15 once
 *   the host resolved; v0.16.10+ before it resolves), `remote_ip`/`local_ip` still the
 *   previous host's last;
 * - per address, `remote_ip` is set, then the connection strategy is evaluated with
 *   `local_ip` still the previous attempt's bound address (0.0.0.0 at first);
 * - the source address is drawn from that connection's list of the remote address's
 *   family: none → unbound, one → it, several → uniform random, per attempt
 *   (lookup.rs `source_ip`);
 * - the EHLO name is the picked address's own, else the connection's, else the server's.
 */
import type { Attempt, Ehlo, PlannedHost, SourceCandidate } from "../../contract/plan";
import type { Diagnostic } from "../../errors";
import type { EvalEnv } from "../../expr/types";
import { str } from "../../expr/value";
import type { Random } from "../../io";
import { parseIp } from "../../ip";
import { DEFAULT_CONNECTION, DEFAULT_TLS } from "../../models/strategy-builtins";
import type { ConnectionDef, SourceIpDef, StrategyConfig } from "../../models/strategy-config";
import type { Envelope } from "../envelope";
import type { HostIps } from "../ip-lookup";
import { type Chooser, type Chosen, choose } from "./choose";

export interface Loop {
  readonly config: StrategyConfig;
  readonly ch: Chooser;
  readonly envelope: Envelope;
  readonly env: EvalEnv;
  readonly random: Random;
}

export function ehloOf(source: SourceIpDef | undefined, conn: ConnectionDef, server: string): Ehlo {
  if (source?.ehlo !== undefined) return { name: source.ehlo, from: "source-ip" };
  if (conn.ehlo !== undefined) return { name: conn.ehlo, from: "connection" };
  return { name: server, from: "server" };
}

export async function deliveryLoop(
  loop: Loop,
  hosts: readonly HostIps[],
): Promise<{ hosts: PlannedHost[]; attempts: Attempt[] }> {
  const planned: PlannedHost[] = [];
  const attempts: Attempt[] = [];
  for (const host of hosts) {
    loop.envelope.setMx(host.name);
    const tls =
      loop.config.model === "v0.16" || host.error === null
        ? await choose(
            loop.ch,
            loop.config.selectors.tls,
            loop.env,
            loop.config.tls,
            () => DEFAULT_TLS,
          )
        : undefined;
    let first: ConnectionDef | undefined;
    for (const ip of host.ips) {
      const attempt = await attemptTo(loop, host, ip, attempts.length + 1);
      first ??= attempt.conn;
      attempts.push(attempt.attempt);
    }
    const candidates = (list: readonly SourceIpDef[] = []) => ({
      candidates: list.map((s) => s.ip),
      picked: null,
    });
    planned.push({
      name: host.name,
      preference: host.preference,
      implicit: host.implicit,
      shuffled: host.shuffled,
      strategy: host.strategy,
      ips: host.ips,
      dropped: host.dropped,
      source: { v4: candidates(first?.v4), v6: candidates(first?.v6) },
      error: host.error,
      ...(tls ? { tls: { name: tls.name, branch: tls.branch, fallback: tls.fallback } } : {}),
    });
  }
  return { hosts: planned, attempts };
}

async function attemptTo(
  loop: Loop,
  host: HostIps,
  ip: string,
  n: number,
): Promise<{ attempt: Attempt; conn: ConnectionDef }> {
  const { envelope, config } = loop;
  const parsed = parseIp(ip);
  envelope.set("remote_ip", str(parsed?.canonical ?? ip));
  const seen = envelope.get("local_ip");
  const localIp = seen?.kind === "string" ? seen.value : "0.0.0.0";
  const conn: Chosen<ConnectionDef> = await choose(
    loop.ch,
    config.selectors.connection,
    loop.env,
    config.connections,
    () => DEFAULT_CONNECTION,
  );
  const family = parsed?.family === 6 ? "ipv6" : "ipv4";
  const list = family === "ipv4" ? conn.def.v4 : conn.def.v6;
  const picked = list.length > 1 ? list[loop.random.below(list.length)] : list[0];
  envelope.set("local_ip", str(picked?.ip ?? "0.0.0.0"));
  familyNote(loop.ch.diagnostics, conn.def, family);
  const server = config.hostname.value;
  const sourceCandidates: SourceCandidate[] = list.map((s) => ({
    ip: s.ip,
    ehlo: ehloOf(s, conn.def, server).name,
  }));
  const attempt: Attempt = {
    n,
    host: host.name,
    preference: host.preference,
    ip,
    family,
    sourceIp: picked?.ip ?? null,
    connection: { name: conn.name, branch: conn.branch, fallback: conn.fallback, localIp },
    sourceCandidates,
    ehlo: ehloOf(picked, conn.def, server),
  };
  return { attempt, conn: conn.def };
}

export const AttemptCode = {
  /** A connection with source addresses of one family only: the other family is unbound. */
  FamilyMissing: "source_family_missing",
} as const;

/** A connection whose list lacks the remote address's family, while it has the other. */
function familyNote(diagnostics: Diagnostic[], conn: ConnectionDef, family: "ipv4" | "ipv6"): void {
  const [mine, other] = family === "ipv4" ? [conn.v4, conn.v6] : [conn.v6, conn.v4];
  if (mine.length > 0 || other.length === 0) return;
  const message = `Connection "${conn.name}" has ${family === "ipv4" ? "IPv6" : "IPv4"} source addresses only: a connection to an ${family === "ipv4" ? "IPv4" : "IPv6"} address is unbound (the OS picks the source address), since Stalwart never falls back to the other family`;
  if (diagnostics.some((d) => d.message === message)) return;
  diagnostics.push({
    severity: "warning",
    code: AttemptCode.FamilyMissing,
    message,
    ...(conn.at ? { key: conn.at.key, start: conn.at.start, end: conn.at.end } : {}),
  });
}
