/**
 * Stalwart v0.13+'s `QueueEnvelope` (crates/smtp/src/queue/mod.rs @v0.15.5:264-345,
 * unchanged in v0.16): built per recipient (`rcpt` and `rcpt_domain` are that
 * recipient's), with `mx` empty and `remote_ip` = `local_ip` = 0.0.0.0 until the delivery
 * loop sets them, and the queue variables v0.12 did not have.
 */
import { int, str } from "../../expr/value";
import { type DeliveryContext, Envelope, printedIp } from "../envelope";

/** A recipient of the message and its domain (the domain part, lower-cased). */
export interface Recipient {
  readonly address: string;
  readonly domain: string;
}

const domainOf = (address: string): string => {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1) : "";
};

/**
 * The message's recipients: `recipients`, else `rcpt`, else one recipient of the
 * context's domain. An address without a domain part is taken to be of that domain.
 */
export function recipientsOf(ctx: DeliveryContext): Recipient[] {
  const given = ctx.recipients?.length ? ctx.recipients : [ctx.rcpt ?? ""];
  return given.map((address) => {
    const lower = address.toLowerCase();
    return { address: lower, domain: domainOf(lower) || (ctx.rcpt_domain ?? ctx.domain) };
  });
}

/** Defaults of the queue variables when the context gives none. */
export const QUEUE_DEFAULTS = {
  queueName: "default",
  source: "authenticated",
  receivedFromIp: "127.0.0.1",
  receivedViaPort: 587,
} as const;

/** The envelope of `rcpt`, the queue being `queueName` (the context's, if it names one). */
export function queueEnvelope(ctx: DeliveryContext, rcpt: Recipient, queueName: string): Envelope {
  const envelope = new Envelope({ ...ctx, rcpt: rcpt.address, rcpt_domain: rcpt.domain });
  envelope.set("remote_ip", str("0.0.0.0"));
  envelope.set("local_ip", str("0.0.0.0"));
  envelope.set("queue_name", str(ctx.queue_name ?? queueName));
  envelope.set("queue_age", int(ctx.queue_age ?? 0));
  envelope.set(
    "received_from_ip",
    str(printedIp(ctx.received_from_ip ?? QUEUE_DEFAULTS.receivedFromIp)),
  );
  envelope.set("received_via_port", int(ctx.received_via_port ?? QUEUE_DEFAULTS.receivedViaPort));
  envelope.set("source", str(ctx.source ?? QUEUE_DEFAULTS.source));
  envelope.set("size", int(ctx.size ?? 0));
  return envelope;
}
