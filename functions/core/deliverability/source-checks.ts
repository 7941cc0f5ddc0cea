/**
 * The checks of one source address, made once per evaluation whatever the number of
 * attempts that may use it: SPF for the MAIL FROM and the HELO identities (RFC 7208
 * §2.3, §2.4) and forward-confirmed reverse DNS (the validated names of RFC 7208 §5.5,
 * which receivers such as Gmail require of bulk senders), and whether the EHLO name is
 * one of the PTR names. Every result is a promise kept by key, so starting the checks
 * early (`prestart`) and asking again per attempt share the same work and lookups.
 */
import type { ParsedIp } from "../ip";
import { checkSpf } from "../spf/check-host";
import { validatedNames } from "../spf/ptr";
import type { SpfOutcome, SpfResolver } from "../spf/types";
import type { CheckName, PtrVerdict, SourceVerdict, SpfVerdict } from "./types";

export interface ChecksIo {
  /** The checks' lane of the evaluation's resolver (names as DNS allows them). */
  readonly resolver: SpfResolver;
  /** Seconds since the epoch, for `%{t}`. */
  readonly now: () => number;
}

function spfVerdict(o: SpfOutcome): SpfVerdict {
  return {
    result: o.result,
    mechanism: o.mechanism,
    domain: o.domain,
    ...(o.matchedIn !== undefined ? { matchedIn: o.matchedIn } : {}),
    reason: o.reason,
    ...(o.problem !== undefined
      ? { problem: { code: o.problem.code, message: o.problem.message } }
      : {}),
  };
}

const bare = (name: string) => (name.endsWith(".") ? name.slice(0, -1) : name).toLowerCase();

export class SourceChecks {
  readonly #spf = new Map<string, Promise<SpfVerdict>>();
  readonly #ptr = new Map<string, Promise<PtrVerdict>>();
  readonly #verdicts = new Map<string, Promise<SourceVerdict>>();

  constructor(
    private readonly io: ChecksIo,
    private readonly checks: ReadonlySet<CheckName>,
    /** MAIL FROM; "" is the null reverse path. */
    readonly sender: string,
  ) {}

  /** The verdict for `ip` saying EHLO `ehlo`. */
  verdict(ip: ParsedIp, ehlo: string): Promise<SourceVerdict> {
    const key = `${ip.canonical} ${ehlo}`;
    let v = this.#verdicts.get(key);
    if (v === undefined) {
      v = this.#check(ip, ehlo);
      this.#verdicts.set(key, v);
    }
    return v;
  }

  /** Starts the checks of every pair now, to be asked for later (`verdict`). */
  prestart(ips: readonly ParsedIp[], ehlos: readonly string[]): void {
    for (const ip of ips) for (const ehlo of ehlos) void this.verdict(ip, ehlo);
  }

  async #check(ip: ParsedIp, ehlo: string): Promise<SourceVerdict> {
    const spf = this.checks.has("spf");
    const [mailFrom, helo, ptr] = await Promise.all([
      spf ? this.#spfOf(ip, this.sender, ehlo) : undefined,
      // §2.3: the HELO identity is checked as postmaster@<helo>, as a null sender is.
      spf ? this.#spfOf(ip, "", ehlo) : undefined,
      this.checks.has("ptr") ? this.#ptrOf(ip) : undefined,
    ]);
    return {
      sourceIp: ip.canonical,
      ...(mailFrom !== undefined ? { spf: mailFrom } : {}),
      helo: { name: ehlo, ...(helo !== undefined ? { spf: helo } : {}) },
      ...(ptr !== undefined
        ? { ptr, ehloMatchesPtr: ptr.names.some((n) => bare(n) === bare(ehlo)) }
        : {}),
    };
  }

  #spfOf(ip: ParsedIp, sender: string, helo: string): Promise<SpfVerdict> {
    const key = `${ip.canonical} ${sender} ${helo}`;
    let p = this.#spf.get(key);
    if (p === undefined) {
      const options = { resolver: this.io.resolver, now: this.io.now, explain: false };
      p = checkSpf({ ip, sender, helo }, options).then(spfVerdict);
      this.#spf.set(key, p);
    }
    return p;
  }

  #ptrOf(ip: ParsedIp): Promise<PtrVerdict> {
    let p = this.#ptr.get(ip.canonical);
    if (p === undefined) {
      p = validatedNames(ip, this.io.resolver).then((v) => ({
        names: v.names,
        forwardConfirmed: v.validated.length > 0,
        confirmed: v.validated,
        ...(v.error !== undefined ? { error: v.error } : {}),
      }));
      this.#ptr.set(ip.canonical, p);
    }
    return p;
  }
}
