/**
 * `check_host()` (RFC 7208 §4): a domain's record evaluated term by term in order, with
 * `include` and `redirect` recursing under the shared limits, and the explanation of a
 * `fail` (§6.2). `checkSpf` is the entry point for one identity.
 */
import { normalizeDomain, wireName } from "../dns/domain";
import { clientIp } from "./address";
import { expandText, parseMacroString, usesValidatedName } from "./macro";
import { evaluateMechanism, type MechanismResult } from "./mechanisms";
import { termProblem } from "./problems";
import { pickValidated } from "./ptr";
import { type Identity, SpfRun } from "./run";
import {
  type Directive,
  type MacroString,
  type Modifier,
  type Qualifier,
  type SpfOptions,
  type SpfOutcome,
  type SpfProblem,
  SpfProblemCode,
  type SpfQuery,
  type SpfResult,
} from "./types";

interface HostResult {
  readonly result: SpfResult;
  readonly mechanism: string | null;
  readonly matchedIn?: string;
  readonly problem?: SpfProblem;
  readonly reason: string;
  /** The `exp=` of the record whose directive decided, and the domain it expands for. */
  readonly exp?: { readonly spec: MacroString; readonly domain: string };
}

const QUALIFIED: Readonly<Record<Qualifier, SpfResult>> = {
  "+": "pass",
  "-": "fail",
  "~": "softfail",
  "?": "neutral",
};

function noRecordProblem(
  code: SpfProblemCode,
  domain: string,
  term: { text: string; start: number; end: number },
  target: string,
  why: string,
): SpfProblem {
  const what = code === SpfProblemCode.IncludeNone ? "include" : "redirect";
  const section = what === "include" ? "§5.2" : "§6.1";
  return termProblem(
    code,
    domain,
    term,
    `${JSON.stringify(term.text)} in the record of ${domain}: ${target} ${why}, which makes the ${what} a permerror (RFC 7208 ${section}).`,
  );
}

/** §5.2: pass matches; fail, softfail, neutral do not; errors and none are errors. */
async function include(
  run: SpfRun,
  d: Directive,
  domain: string,
  depth: number,
): Promise<MechanismResult> {
  const over = run.countTerm(domain, d);
  if (over) return { error: "permerror", problem: over };
  const name = await run.target(d.target, domain);
  const none = (why: string) =>
    noRecordProblem(SpfProblemCode.IncludeNone, domain, d, name ?? "the target", why);
  if (name === undefined) return { error: "permerror", problem: none("is not a valid DNS name") };
  const r = await checkHost(run, name, depth + 1);
  if (r.result === "pass") return { match: true, detail: `${name}: pass` };
  if (r.result === "none") return { error: "permerror", problem: none("has no SPF record") };
  if (r.result === "temperror" || r.result === "permerror") {
    return { error: r.result, problem: r.problem ?? none(r.reason) };
  }
  return { match: false, detail: `${name}: ${r.result}` };
}

/** §6.1: the result of the target's record replaces this one's; none is a permerror. */
async function redirect(
  run: SpfRun,
  m: Modifier,
  domain: string,
  depth: number,
): Promise<HostResult> {
  const fail = (problem: SpfProblem): HostResult => {
    run.step(depth, domain, m.text, "permerror", problem.message);
    return { result: "permerror", mechanism: null, problem, reason: problem.message };
  };
  const over = run.countTerm(domain, m);
  if (over) return fail(over);
  const name = await run.target(m.value, domain);
  if (name === undefined) {
    return fail(
      noRecordProblem(
        SpfProblemCode.RedirectNone,
        domain,
        m,
        "the target",
        "is not a valid DNS name",
      ),
    );
  }
  run.step(depth, domain, m.text, "redirect", `no mechanism matched: the result is ${name}'s`);
  const r = await checkHost(run, name, depth + 1);
  if (r.result !== "none") return r;
  return fail(noRecordProblem(SpfProblemCode.RedirectNone, domain, m, name, "has no SPF record"));
}

async function checkHost(run: SpfRun, domain: string, depth: number): Promise<HostResult> {
  const found = await run.record(domain);
  if (found.kind === "none") {
    run.step(depth, domain, domain, "none", found.reason);
    return { result: "none", mechanism: null, reason: found.reason };
  }
  if (found.kind === "error") {
    const { problem, result } = found;
    run.step(depth, domain, problem.term ?? domain, result, problem.message);
    return { result, mechanism: null, problem, reason: problem.message };
  }
  const { record } = found;
  run.step(depth, domain, record.text, "record");
  for (const d of record.directives) {
    const r =
      d.mechanism === "include"
        ? await include(run, d, domain, depth)
        : await evaluateMechanism(run, d, domain);
    if ("error" in r) {
      run.step(depth, domain, d.text, r.error, r.problem.message);
      return { result: r.error, mechanism: null, problem: r.problem, reason: r.problem.message };
    }
    run.step(depth, domain, d.text, r.match ? "match" : "no-match", r.detail);
    if (!r.match) continue;
    const result = QUALIFIED[d.qualifier];
    const why = r.detail ? ` (${r.detail})` : "";
    return {
      result,
      mechanism: d.text,
      matchedIn: domain,
      reason: `${d.text} in the SPF record of ${domain} matched${why}: ${result}.`,
      ...(record.exp ? { exp: { spec: record.exp.value, domain } } : {}),
    };
  }
  if (record.redirect) return redirect(run, record.redirect, domain, depth);
  return {
    result: "neutral",
    mechanism: null,
    matchedIn: domain,
    reason: `No mechanism in the SPF record of ${domain} matched and it has no redirect: neutral (RFC 7208 §4.7).`,
  };
}

/**
 * §6.2: the TXT record the `exp=` names, expanded; any trouble (no name, DNS error, not
 * exactly one record, non-ASCII, bad macros) means no explanation. Not counted (§4.6.4).
 */
async function explain(
  run: SpfRun,
  exp: { spec: MacroString; domain: string },
): Promise<string | undefined> {
  const name = await run.target(exp.spec, exp.domain);
  if (name === undefined) return undefined;
  const txt = await run.lookup(name, "TXT");
  const only = txt.status === "ok" && txt.answers.length === 1 ? txt.answers[0] : undefined;
  if (only?.type !== "TXT" || /[^\x20-\x7e]/.test(only.text)) return undefined;
  const parsed = parseMacroString(only.text, true);
  if ("message" in parsed) return undefined;
  const p = usesValidatedName(parsed.parts)
    ? pickValidated((await run.validatedNames()).validated, exp.domain)
    : undefined;
  return expandText(parsed.parts, run.values(exp.domain, p));
}

/**
 * §4.3: the sender's local part ("postmaster" when it has none) and domain; the null
 * reverse path checks postmaster@<helo> (§2.4).
 */
function identityOf(sender: string, helo: string): { local: string; domain: string } {
  if (sender === "") return { local: "postmaster", domain: helo };
  const at = sender.lastIndexOf("@");
  if (at < 0) return { local: "postmaster", domain: sender };
  return { local: sender.slice(0, at) || "postmaster", domain: sender.slice(at + 1) };
}

/** §4.3: a multi-label name DNS can hold (IDNs in their ASCII form), else undefined. */
function checkableDomain(raw: string): string | undefined {
  let name = raw;
  if (!/^[\x20-\x7e]*$/.test(name)) {
    try {
      name = normalizeDomain(name);
    } catch {
      return undefined;
    }
  }
  const n = wireName(name);
  return n?.includes(".") && !n.startsWith("[") ? n : undefined;
}

export async function checkSpf(query: SpfQuery, options: SpfOptions): Promise<SpfOutcome> {
  const { local, domain: raw } = identityOf(query.sender, query.helo);
  const domain = checkableDomain(raw);
  if (domain === undefined) {
    const reason = `${JSON.stringify(raw)} is not a domain SPF can check (RFC 7208 §4.3: a multi-label name with labels of 1–63 characters): none.`;
    return {
      result: "none",
      mechanism: null,
      domain: raw,
      reason,
      lookups: { dns: 0, void: 0 },
      steps: [],
    };
  }
  const identity: Identity = { local, senderDomain: domain, helo: query.helo };
  const ip = clientIp(query.ip.canonical) ?? query.ip;
  const run = new SpfRun(options.resolver, ip, identity, options.now);
  const r = await checkHost(run, domain, 0);
  const explanation =
    r.result === "fail" && r.exp !== undefined && options.explain !== false
      ? await explain(run, r.exp)
      : undefined;
  return {
    result: r.result,
    mechanism: r.mechanism,
    domain,
    ...(r.matchedIn !== undefined ? { matchedIn: r.matchedIn } : {}),
    ...(explanation !== undefined ? { explanation } : {}),
    reason: r.reason,
    ...(r.problem !== undefined ? { problem: r.problem } : {}),
    lookups: { dns: run.dnsTerms, void: run.voids },
    steps: run.steps,
  };
}
