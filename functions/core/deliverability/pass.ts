/**
 * The checks as a pass over a finished plan's attempts, whatever the model: each attempt
 * is read as (source address, the candidates it was picked from, EHLO name), so v0.12
 * plans (EHLO from `hostname`, candidates per host and family) and the attempts of later
 * models (`sourceCandidates`, `ehlo`) go through the same code.
 */
import { type ParsedIp, parseIp } from "../ip";
import type { SourceChecks } from "./source-checks";
import type { AttemptDeliverability } from "./types";

/** One source candidate: a bare address, or one with the EHLO name it brings (v0.13+). */
type CandidateLike = string | { readonly ip: string; readonly ehlo?: string };

/** What the pass reads of an attempt (v0.12's fields, and the later models' additions). */
export interface AttemptLike {
  readonly host: string;
  readonly family: "ipv4" | "ipv6";
  readonly sourceIp: string | null;
  readonly sourceCandidates?: readonly CandidateLike[];
  readonly ehlo?: { readonly name: string };
}

export interface PlanLike {
  /** v0.12's EHLO name, for attempts without their own. */
  readonly hostname?: string;
  readonly hosts: readonly {
    readonly name: string;
    readonly source?: {
      readonly v4: { readonly candidates: readonly string[] };
      readonly v6: { readonly candidates: readonly string[] };
    };
  }[];
  readonly attempts: readonly AttemptLike[];
}

export interface AttemptSource {
  readonly sourceIp: ParsedIp | null;
  readonly ehlo: string;
  readonly candidates: readonly { readonly ip: ParsedIp; readonly ehlo: string }[];
}

/** Stalwart's fallback EHLO name when none is configured (v0.12 delivery.rs). */
export const LOCAL_HOST = "local.host";

export function attemptSources(plan: PlanLike): AttemptSource[] {
  return plan.attempts.map((a) => {
    const ehlo = a.ehlo?.name ?? plan.hostname ?? LOCAL_HOST;
    const host = plan.hosts.find((h) => h.name === a.host);
    const listed =
      a.sourceCandidates ??
      (a.family === "ipv4" ? host?.source?.v4 : host?.source?.v6)?.candidates ??
      [];
    const candidates: { ip: ParsedIp; ehlo: string }[] = [];
    for (const c of listed) {
      const ip = parseIp(typeof c === "string" ? c : c.ip);
      if (ip) candidates.push({ ip, ehlo: typeof c === "string" ? ehlo : (c.ehlo ?? ehlo) });
    }
    return { sourceIp: a.sourceIp === null ? null : parseIp(a.sourceIp), ehlo, candidates };
  });
}

export const UNBOUND_MESSAGE =
  "Unbound: no source address of this family is configured, so the operating system chooses one. " +
  "It cannot be checked, and it is the risk the docs warn about: an address you did not choose " +
  "may be missing from your SPF record and have no matching reverse DNS.";

/** The deliverability of every attempt, in attempt order. */
export function checkAttempts(
  plan: PlanLike,
  checks: SourceChecks,
): Promise<AttemptDeliverability[]> {
  return Promise.all(
    attemptSources(plan).map(async (s): Promise<AttemptDeliverability> => {
      if (s.sourceIp === null) {
        return {
          sourceIp: null,
          verdict: "unbound",
          message: UNBOUND_MESSAGE,
          helo: { name: s.ehlo },
        };
      }
      const [picked, candidates] = await Promise.all([
        checks.verdict(s.sourceIp, s.ehlo),
        Promise.all(s.candidates.map((c) => checks.verdict(c.ip, c.ehlo))),
      ]);
      return { ...picked, verdict: "checked", candidates };
    }),
  );
}
