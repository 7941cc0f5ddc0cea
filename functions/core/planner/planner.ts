/**
 * Config + context + resolver + random → the delivery plan of one recipient domain,
 * as Stalwart v0.12 would run it (crates/smtp/src/outbound/delivery.rs, lookup.rs).
 *
 * DNS is the slow part, so the order of work differs from Stalwart's while the result
 * does not: after the MX answer every host's A/AAAA lookups start together (two round
 * trips for any number of hosts), then hosts are processed strictly in Stalwart's order.
 */
import type { IfBlock } from "../config/if-block";
import type { LoadedConfig } from "../config/toml-loader";
import type { Attempt, Plan, PlannedHost, Strategy } from "../contract/plan";
import type { LookupResult, QueryType, Resolver } from "../dns/types";
import type { Diagnostic } from "../errors";
import { namesOf } from "../expr/parser";
import type { Expression } from "../expr/types";
import type { Random } from "../io";
import { parseIp } from "../ip";
import type { DeliveryContext } from "./envelope";
import { Envelope } from "./envelope";
import { combine, startLookups } from "./ip-lookup";
import { buildHostList, groupMx } from "./mx";
import { resolveNextHop } from "./next-hop";
import { evalSetting, type SettingId } from "./setting-values";
import type { Evaluated } from "./settings-eval";
import { makeEnv } from "./settings-eval";
import { pickSource } from "./source-ip";

export interface PlanDeps {
  readonly resolver: Resolver & { peek(name: string, type: QueryType): LookupResult | undefined };
  readonly random: Random;
  readonly seed: number;
  readonly localDomains?: readonly string[];
}

/**
 * What a block's value can depend on, from its expressions (conditions, thens, default):
 * "none" when one calls dns_query() (never memoised), "mx" when one reads `mx`, else
 * "fixed". One pass, no list of the expressions and no closure per check (bench profile).
 */
function memoKindOf(block: IfBlock): "none" | "mx" | "fixed" {
  let mx = false;
  for (const b of block.branches) {
    const c = dependsOn(b.condition);
    const t = dependsOn(b.then);
    if (c === DNS || t === DNS) return "none";
    mx = mx || c === MX || t === MX;
  }
  const d = block.default === null ? FIXED : dependsOn(block.default);
  if (d === DNS) return "none";
  return mx || d === MX ? "mx" : "fixed";
}

const FIXED = 0;
const MX = 1;
const DNS = 2;

/**
 * What an expression's value depends on, from one walk of the names its parse collected
 * (not a `mentions` walk per question: 540 branches of the 2,000-line config, twice
 * each, showed in the bench profile).
 */
function dependsOn(e: Expression): number {
  const names = namesOf(e);
  if (names === null) return FIXED;
  let found = FIXED;
  for (let i = 0; i < names.length; i += 2) {
    const k = names[i];
    const name = names[i + 1];
    if (k === "fn" && name === "dns_query") return DNS;
    if (k === "var" && name === "mx") found = MX;
  }
  return found;
}

export async function planDelivery(
  config: LoadedConfig,
  ctx: DeliveryContext,
  deps: PlanDeps,
  diagnostics: Diagnostic[],
): Promise<Omit<Plan, "diagnostics" | "dns">> {
  const envelope = new Envelope(ctx);
  const env = makeEnv(
    {
      config,
      resolver: deps.resolver,
      localDomains: deps.localDomains ?? [],
      note: (code, message) => diagnostics.push({ severity: "warning", code, message }),
    },
    (name) => envelope.get(name),
  );
  const blocks = new Map<SettingId, IfBlock>();
  // A setting's value depends only on the envelope, where only `mx` changes from host to
  // host: a block without dns_query() (whose lookups may still be pending) is evaluated
  // once per distinct input instead of once per use (ip-strategy was evaluated 1 + n
  // times). Same values and diagnostics: evaluation is pure, diagnostics deduplicated.
  const memo = new Map<string, Evaluated<unknown>>();
  const memoKind = new Map<SettingId, "none" | "mx" | "fixed">();
  const memoKey = (id: SettingId): string | undefined => {
    let kind = memoKind.get(id);
    if (kind === undefined) {
      const block = blocks.get(id);
      if (block === undefined) return undefined;
      kind = memoKindOf(block);
      memoKind.set(id, kind);
    }
    return kind === "none" ? undefined : kind === "mx" ? `${id}\u0000${envelope.mx}` : id;
  };
  // Synchronous unless a dns_query() lookup is pending (no promise per setting).
  const ev = <T>(id: SettingId): Evaluated<T> | Promise<Evaluated<T>> => {
    const before = memoKey(id);
    const hit = before === undefined ? undefined : memo.get(before);
    if (hit !== undefined) return hit as Evaluated<T>;
    const r = evalSetting<T>(id, config, blocks, env, deps.resolver, diagnostics);
    // The block has been read by now, and `mx` does not change while r settles.
    const key = memoKey(id);
    if (key === undefined) return r;
    if (!(r instanceof Promise)) {
      memo.set(key, r);
      return r;
    }
    return r.then((x) => {
      memo.set(key, x);
      return x;
    });
  };

  const strategy = await ev<Strategy>("ipStrategy");
  const limitsMx = await ev<number>("limitsMx");
  const multihomed = await ev<number>("limitsMultihomed");
  const hostname = await ev<string>("hostname");
  if (hostname.value === "" && config.has("queue.outbound.hostname")) {
    // delivery.rs: an empty EHLO name falls back to 'local.host' with a warning.
    diagnostics.push({
      severity: "info",
      code: "hostname_missing",
      key: "queue.outbound.hostname",
      message:
        "No outbound hostname: queue.outbound.hostname and server.hostname are empty, so Stalwart says EHLO local.host.",
    });
  }
  const schedule = await ev<number[]>("retry");
  const retryNum = envelope.retryNum;
  const retry = {
    retryNum,
    schedule: schedule.value,
    nextInMs: schedule.value[Math.min(retryNum, schedule.value.length - 1)] ?? 60_000,
  };
  // One literal per plan, not `{ ...base, … }`: V8 copies spreads on a slow path (bench
  // profile), and the key order (base fields first) is the API's.
  const plan = (
    nextHop: Plan["nextHop"],
    mx: Plan["mx"],
    hosts: PlannedHost[],
    attempts: Attempt[],
    outcome: Plan["outcome"],
  ): Omit<Plan, "diagnostics" | "dns"> => ({
    model: "v0.12",
    seed: deps.seed,
    strategy: { value: strategy.value, key: "queue.outbound.ip-strategy", branch: strategy.branch },
    limits: { mx: limitsMx.value, multihomed: multihomed.value },
    retry,
    hostname: hostname.value || "local.host",
    nextHop,
    mx,
    hosts,
    attempts,
    outcome,
  });

  // 1. next-hop: a relay, local delivery, or MX resolution.
  const nextHop = await resolveNextHop(config, await ev<string | false>("nextHop"), diagnostics);
  if (nextHop.kind === "local") {
    return plan({ kind: "local" }, { status: "skipped", records: [] }, [], [], {
      kind: "local_delivery",
      message: "next-hop is 'local': the message is delivered locally, no remote host is tried.",
    });
  }

  // 2. MX lookup (skipped for a relay: its address is the only host).
  let slots: { name: string; preference: number | null; shuffled: boolean; implicit: boolean }[];
  let mx: Plan["mx"];
  if (nextHop.kind === "relay") {
    slots = [{ name: nextHop.address, preference: null, shuffled: false, implicit: false }];
    mx = { status: "skipped", records: [] };
  } else {
    const answer = await deps.resolver.lookup(ctx.domain, "MX");
    if (answer.status === "error") {
      return plan({ kind: "mx" }, { status: "error", records: [], error: answer.message }, [], [], {
        kind: "temporary_failure",
        message: `MX lookup for ${ctx.domain} failed: ${answer.message}`,
      });
    }
    const groups = answer.status === "ok" ? groupMx(answer.answers) : [];
    const records: { preference: number; exchange: string }[] = [];
    for (const g of groups) {
      for (const exchange of g.exchanges) records.push({ preference: g.preference, exchange });
    }
    if (groups.length === 0) {
      // RFC 5321 §5.1: no MX records → the domain itself is an implicit MX at preference 0.
      mx = { status: "implicit", records };
      slots = [{ name: ctx.domain, preference: 0, shuffled: false, implicit: true }];
    } else {
      const list = buildHostList(groups, limitsMx.value, deps.random);
      if (list.kind === "null_mx") {
        return plan({ kind: "mx" }, { status: "null_mx", records }, [], [], {
          kind: "permanent_failure",
          message: "Domain does not accept messages (null MX)",
        });
      }
      mx = { status: "ok", records };
      slots = list.hosts.map((h) => ({
        name: h.name,
        preference: h.preference,
        shuffled: h.shuffled,
        implicit: false,
      }));
    }
  }

  // 3. ip-strategy per host, then every host's lookups at once.
  const perHost: { strategy: Strategy; lookups: ReturnType<typeof startLookups> }[] = [];
  for (const slot of slots) {
    envelope.setMx(slot.name);
    const s = await ev<Strategy>("ipStrategy");
    perHost.push({ strategy: s.value, lookups: startLookups(deps.resolver, slot.name, s.value) });
  }

  // 4. In Stalwart's order: combine, cut, source IPs.
  const hosts: PlannedHost[] = [];
  const attempts: Attempt[] = [];
  for (const [i, slot] of slots.entries()) {
    const h = perHost[i];
    if (!h) continue;
    // Both are in flight already (and never reject): two awaits, no Promise.all arrays.
    const a = await h.lookups.a;
    const aaaa = await h.lookups.aaaa;
    const resolved = combine(slot.name, h.strategy, a, aaaa, multihomed.value, slot.implicit);
    envelope.setMx(slot.name);
    let v4 = pickSource([], deps.random);
    let v6 = v4;
    if (resolved.error === null) {
      // Source IPs are evaluated only once the host resolved (lookup.rs resolve_host).
      v4 = pickSource((await ev<string[]>("sourceIpV4")).value, deps.random);
      v6 = pickSource((await ev<string[]>("sourceIpV6")).value, deps.random);
    }
    hosts.push({
      name: slot.name,
      preference: slot.preference,
      implicit: slot.implicit,
      shuffled: slot.shuffled,
      strategy: h.strategy,
      ips: resolved.ips,
      dropped: resolved.dropped,
      source: { v4, v6 },
      error: resolved.error,
    });
    for (const ip of resolved.ips) {
      const family = parseIp(ip)?.family === 6 ? "ipv6" : "ipv4";
      attempts.push({
        n: attempts.length + 1,
        host: slot.name,
        preference: slot.preference,
        ip,
        family,
        sourceIp: family === "ipv4" ? v4.picked : v6.picked,
      });
    }
  }

  const last = hosts[hosts.length - 1];
  const outcome: Plan["outcome"] =
    attempts.length > 0 || !last
      ? attempts.length > 0
        ? null
        : { kind: "temporary_failure", message: "No host to try." }
      : {
          // When every host fails, the last host's error decides (delivery.rs last_status).
          kind: last.error?.permanent ? "permanent_failure" : "temporary_failure",
          message: last.error?.message ?? "No IP addresses to try.",
        };
  const hop: Plan["nextHop"] =
    nextHop.kind === "relay"
      ? {
          kind: "relay",
          relay: nextHop.id,
          address: nextHop.address,
          port: nextHop.port,
          protocol: nextHop.protocol,
        }
      : { kind: "mx" };
  return plan(hop, mx, hosts, attempts, outcome);
}
