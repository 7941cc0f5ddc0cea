/**
 * The deliverability checks in words: a badge per check (SPF result, PTR ✓/✗, EHLO ✓/✗)
 * with the reason behind it, and the summary over every source address the plan may
 * bind ("2 of 3 source IPs would fail SPF for alice@example.org"). Pure functions over
 * the plan, unit-tested without a DOM.
 */
import type { Plan, SourceVerdict, SpfResult, SpfVerdict } from "../core-adapter";

export type Tone = "ok" | "warn" | "err";

export interface BadgeText {
  readonly label: string;
  readonly tone: Tone;
  /** The reason, for the badge's tooltip and the expanded view. */
  readonly reason: string;
}

/**
 * How a receiver takes each result (RFC 7208 §8): `fail` and a broken record are
 * rejections waiting to happen; `softfail` is usually spam-foldered; no verdict (`none`,
 * `neutral`) leaves the sender unauthenticated; `temperror` is a retry.
 */
export const SPF_TONE: Readonly<Record<SpfResult, Tone>> = {
  pass: "ok",
  fail: "err",
  softfail: "err",
  permerror: "err",
  neutral: "warn",
  none: "warn",
  temperror: "warn",
};

/** The results counted as "would fail SPF" in the summary. */
const FAILING: ReadonlySet<SpfResult> = new Set(["fail", "softfail", "permerror"]);

/** The core's reason names the domain, the directive that decided and the result. */
export function spfBadge(v: SpfVerdict): BadgeText {
  return { label: `SPF ${v.result}`, tone: SPF_TONE[v.result], reason: v.reason };
}

export function ptrBadge(v: SourceVerdict): BadgeText | null {
  const p = v.ptr;
  if (!p) return null;
  const names = p.names.length ? p.names.join(", ") : "";
  const reason = p.error
    ? `The PTR lookup of ${v.sourceIp} failed: ${p.error}.`
    : p.names.length === 0
      ? `${v.sourceIp} has no PTR record: receivers that require reverse DNS reject it.`
      : p.forwardConfirmed
        ? `${v.sourceIp} → ${names}; ${p.confirmed.join(", ")} resolves back to ${v.sourceIp} (forward-confirmed).`
        : `${v.sourceIp} → ${names}, but none of them resolves back to ${v.sourceIp}: not forward-confirmed.`;
  return {
    label: p.forwardConfirmed ? "PTR ✓" : "PTR ✗",
    tone: p.forwardConfirmed ? "ok" : "err",
    reason,
  };
}

export function ehloBadge(v: SourceVerdict): BadgeText | null {
  if (v.ehloMatchesPtr === undefined || !v.ptr) return null;
  const names = v.ptr.names.length ? v.ptr.names.join(", ") : "none";
  return v.ehloMatchesPtr
    ? {
        label: "EHLO ✓",
        tone: "ok",
        reason: `EHLO ${v.helo.name} is the PTR name of ${v.sourceIp}.`,
      }
    : {
        label: "EHLO ✗",
        tone: "warn",
        reason: `EHLO ${v.helo.name} is not a PTR name of ${v.sourceIp} (PTR: ${names}).`,
      };
}

/** Every source verdict of the plan, one per address, in the order they first appear. */
export function sourceVerdicts(plan: Plan): SourceVerdict[] {
  const seen = new Map<string, SourceVerdict>();
  for (const a of plan.attempts) {
    const d = a.deliverability;
    if (d?.verdict !== "checked") continue;
    for (const v of [d, ...d.candidates]) if (!seen.has(v.sourceIp)) seen.set(v.sourceIp, v);
  }
  return [...seen.values()];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "alice@example.org", or what the null reverse path checks instead (RFC 7208 §2.4). */
export function senderText(sender: string, helo: string): string {
  return sender === "" ? `<> (checked as postmaster@${helo})` : sender;
}

function spfSentence(verdicts: readonly SourceVerdict[], sender: string): string | null {
  const spf = verdicts.filter((v) => v.spf);
  const n = spf.length;
  if (n === 0) return null;
  const who = senderText(sender, spf[0]?.helo.name ?? "");
  const failing = spf.filter((v) => v.spf && FAILING.has(v.spf.result));
  const passing = spf.filter((v) => v.spf?.result === "pass");
  const others = spf.filter((v) => !failing.includes(v) && !passing.includes(v));
  const list = (vs: readonly SourceVerdict[]) =>
    vs.map((v) => `${v.sourceIp} ${v.spf?.result}`).join(", ");
  if (passing.length === n)
    return `${n === 1 ? "The source IP passes" : `All ${n} source IPs pass`} SPF for ${who}.`;
  if (failing.length === 0 && passing.length === 0)
    return `${n === 1 ? "The source IP gets no" : `None of the ${n} source IPs gets an`} SPF verdict for ${who} (${list(others)}).`;
  const parts = [
    failing.length > 0
      ? `${some(failing.length, n, "would fail", "would fail")} SPF for ${who} (${list(failing)})`
      : `${some(passing.length, n, "passes", "pass")} SPF for ${who}`,
    others.length > 0
      ? `${others.length === 1 ? "1 gets" : `${others.length} get`} no SPF verdict (${list(others)})`
      : "",
  ];
  return `${parts.filter((p) => p !== "").join("; ")}.`;
}

/** "The source IP has" / "2 of 3 source IPs have": `k` of the `total` addresses. */
function some(k: number, total: number, singular: string, pluralVerb: string): string {
  const who = total === 1 ? "The source IP" : `${k} of ${total} source IPs`;
  return `${who} ${k === 1 ? singular : pluralVerb}`;
}

function ptrSentences(verdicts: readonly SourceVerdict[]): string[] {
  const ptr = verdicts.filter((v) => v.ptr);
  if (ptr.length === 0) return [];
  const unconfirmed = ptr.filter((v) => !v.ptr?.forwardConfirmed);
  const mismatched = ptr.filter((v) => v.ehloMatchesPtr === false);
  const n = ptr.length;
  return [
    unconfirmed.length === 0
      ? `${n === 1 ? "The source IP has" : "Every source IP has"} forward-confirmed reverse DNS.`
      : `${some(unconfirmed.length, n, "has", "have")} no forward-confirmed reverse DNS (${unconfirmed.map((v) => v.sourceIp).join(", ")}).`,
    mismatched.length === 0
      ? ""
      : `${some(mismatched.length, n, "says", "say")} an EHLO name that is not its PTR name (${mismatched.map((v) => `${v.sourceIp} as ${v.helo.name}`).join(", ")}).`,
  ].filter((s) => s !== "");
}

/** The checks' summary: SPF, reverse DNS and EHLO over every source IP, then the unbound. */
export function checksSummary(plan: Plan): string[] {
  if (!plan.checks) return [];
  const verdicts = sourceVerdicts(plan);
  const unbound = plan.attempts.filter((a) => a.deliverability?.verdict === "unbound").length;
  const out = [spfSentence(verdicts, plan.checks.sender), ...ptrSentences(verdicts)].filter(
    (s): s is string => s !== null,
  );
  if (unbound > 0) {
    out.push(
      `${unbound} of ${plural(plan.attempts.length, "attempt")} ${unbound === 1 ? "is" : "are"} unbound: the operating system chooses the source address, which cannot be checked.`,
    );
  }
  if (out.length === 0 && plan.attempts.length === 0) out.push("No attempt: nothing to check.");
  return out;
}
