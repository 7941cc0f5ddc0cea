/**
 * A fake RFC 8484 server for unit tests: decodes the GET query the client sends, records
 * it, and answers with a message built by `respond` (or a raw Response).
 */
import { Buffer } from "node:buffer";
import * as dnsPacket from "dns-packet";
import type { FetchLike } from "../../../functions/core/dns/doh-client";

/** dns-packet encodes the rcode only as the low 4 bits of `flags`. */
export const RCODES: Record<string, number> = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
};

export interface SeenQuery {
  readonly url: string;
  readonly name: string;
  readonly type: string;
  readonly id: number;
  readonly rd: boolean;
  readonly accept: string | null;
}

export type Reply =
  | {
      rcode?: string;
      answers?: dnsPacket.Answer[];
      authorities?: dnsPacket.Answer[];
      flags?: number;
    }
  | Response;

export function fakeDoh(respond: (name: string, type: string) => Reply | Promise<Reply>): {
  fetch: FetchLike;
  seen: SeenQuery[];
} {
  const seen: SeenQuery[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const param = url.searchParams.get("dns") ?? "";
    const msg = dnsPacket.decode(Buffer.from(param, "base64url")) as dnsPacket.Packet & {
      flag_rd?: boolean;
    };
    const q = msg.questions?.[0];
    const headers = new Headers(init.headers);
    seen.push({
      url: input,
      name: q?.name ?? "",
      type: q?.type ?? "",
      id: msg.id ?? -1,
      rd: msg.flag_rd === true,
      accept: headers.get("accept"),
    });
    const reply = await respond(q?.name ?? "", q?.type ?? "");
    if (reply instanceof Response) return reply;
    const body = dnsPacket.encode({
      type: "response",
      id: 0,
      flags:
        (reply.flags ?? dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE) |
        (RCODES[reply.rcode ?? "NOERROR"] ?? 0),
      questions: q ? [q] : [],
      answers: reply.answers ?? [],
      authorities: reply.authorities ?? [],
    } as dnsPacket.Packet);
    return new Response(new Uint8Array(body), {
      headers: { "content-type": "application/dns-message" },
    });
  };
  return { fetch, seen };
}

export const soa = (zone: string, ttl = 300, minimum = 60): dnsPacket.Answer => ({
  name: zone,
  type: "SOA",
  ttl,
  data: {
    mname: `ns.${zone}`,
    rname: `hostmaster.${zone}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum,
  },
});

export function manualClock(start = 1_000_000): { now(): number; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}
