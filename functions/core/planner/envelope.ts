/**
 * The variables a queued message exposes to expressions (Stalwart's `QueueEnvelope`,
 * crates/smtp/src/queue/mod.rs, and the variable types of spec §1).
 */
import { arr, int, str, type Value } from "../expr/value";
import { parseIp } from "../ip";

/** `last_error` values: Stalwart's queue error kinds (spec §1). */
export const LAST_ERRORS = [
  "none",
  "dns",
  "unexpected-reply",
  "connection",
  "tls",
  "dane",
  "mta-sts",
  "rate",
  "concurrency",
  "io",
] as const;

export interface DeliveryContext {
  /** Recipient domain, already in ASCII (A-label) form. */
  readonly domain: string;
  readonly retry_num?: number | undefined;
  readonly notify_num?: number | undefined;
  readonly priority?: number | undefined;
  readonly expires_in?: number | undefined;
  readonly sender?: string | undefined;
  readonly sender_domain?: string | undefined;
  readonly rcpt?: string | undefined;
  readonly rcpt_domain?: string | undefined;
  readonly recipients?: readonly string[] | undefined;
  readonly last_status?: string | undefined;
  readonly last_error?: string | undefined;
  readonly remote_ip?: string | undefined;
  readonly local_ip?: string | undefined;
}

/**
 * An address as Rust prints an `IpAddr` (RFC 5952 IPv6, `::ffff:a.b.c.d` when mapped);
 * 0.0.0.0 when none is given. Text that is no address is kept as typed.
 */
export function printedIp(typed: string | undefined): string {
  if (typed === undefined || typed === "") return "0.0.0.0";
  return parseIp(typed)?.canonical ?? typed;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1) : "";
}

/** Defaults of a message at its first attempt: Stalwart sets these from the queue entry. */
export const DEFAULT_EXPIRES_IN = 5 * 86400;

/**
 * The envelope of one delivery attempt to one domain. `mx` is set per host while the
 * host loop runs (delivery.rs: `envelope.mx = remote_host.hostname()`).
 */
export class Envelope {
  private readonly vars = new Map<string, Value>();

  constructor(ctx: DeliveryContext) {
    // Stalwart lower-cases the return path and the recipients (`address_lcase`).
    const sender = (ctx.sender ?? "").toLowerCase();
    const recipients = (ctx.recipients ?? (ctx.rcpt ? [ctx.rcpt] : [])).map((r) => r.toLowerCase());
    const rcpt = (ctx.rcpt ?? recipients[0] ?? "").toLowerCase();
    this.vars.set("sender", str(sender));
    this.vars.set("sender_domain", str((ctx.sender_domain ?? domainOf(sender)).toLowerCase()));
    this.vars.set("rcpt", str(rcpt));
    this.vars.set("rcpt_domain", str((ctx.rcpt_domain ?? ctx.domain).toLowerCase()));
    this.vars.set("recipients", arr(recipients.map(str)));
    this.vars.set("retry_num", int(ctx.retry_num ?? 0));
    this.vars.set("notify_num", int(ctx.notify_num ?? 0));
    this.vars.set("priority", int(ctx.priority ?? 0));
    this.vars.set("expires_in", int(ctx.expires_in ?? DEFAULT_EXPIRES_IN));
    this.vars.set("last_status", str(ctx.last_status ?? "Scheduled"));
    this.vars.set("last_error", str(ctx.last_error ?? "none"));
    this.vars.set("mx", str(""));
    // `QueueEnvelope::new` starts both at 0.0.0.0; Stalwart prints them with `Display`.
    this.vars.set("remote_ip", str(printedIp(ctx.remote_ip)));
    this.vars.set("local_ip", str(printedIp(ctx.local_ip)));
  }

  /** Sets `mx` to the host being tried (empty before the host loop). */
  setMx(host: string): void {
    this.vars.set("mx", str(host));
  }

  get(name: string): Value | undefined {
    return this.vars.get(name);
  }

  get retryNum(): number {
    const v = this.vars.get("retry_num");
    return v?.kind === "integer" ? Number(v.value) : 0;
  }
}
