/**
 * DNS wire format for the DoH client (RFC 1035 via dns-packet): building the query and
 * turning a response body into a checked, normalised outcome. Decoding never throws:
 * anything malformed becomes `{ kind: "error" }` (the body comes from the network).
 */
import { Buffer } from "node:buffer";
import * as dnsPacket from "dns-packet";
import { parseIp } from "../ip";
import { dnsName } from "./domain";
import type { Answer, QueryType } from "./types";

/** RFC 8484 §6: DoH responses are at most one DNS message, 65,535 octets. */
export const MAX_BODY_BYTES = 65_535;

/** A record of the answer section we understand, names normalised. */
export type WireRecord =
  | {
      readonly name: string;
      readonly ttl: number;
      readonly kind: "answer";
      readonly answer: Answer;
    }
  | {
      readonly name: string;
      readonly ttl: number;
      readonly kind: "cname";
      readonly target: string;
    };

export type WireOutcome =
  | {
      readonly kind: "message";
      readonly rcode: string;
      readonly ad: boolean;
      readonly records: readonly WireRecord[];
      /** RFC 2308 negative-caching TTL from the authority SOA, if there is one. */
      readonly negativeTtl: number | null;
    }
  | { readonly kind: "error"; readonly message: string };

/**
 * Query message: id 0 so identical queries have identical GET URLs and HTTP caches can
 * serve them (RFC 8484 §4.1), RD set since we talk to a recursive resolver.
 */
export function encodeQuery(name: string, type: QueryType): Uint8Array {
  const buf = dnsPacket.encode({
    type: "query",
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: "IN" }],
  });
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** RFC 4648 §5 base64url without padding, as RFC 8484 §4.1 requires for `?dns=`. */
export function base64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const decoder = new TextDecoder("utf-8");

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

/** One answer-section record as our `Answer`, or a string saying why it is malformed. */
function toAnswer(type: QueryType, data: unknown): Answer | string {
  switch (type) {
    case "A": {
      const ip = typeof data === "string" ? parseIp(data) : null;
      return ip?.family === 4 ? { type, address: ip.canonical } : "malformed A record";
    }
    case "AAAA": {
      const ip = typeof data === "string" ? parseIp(data) : null;
      return ip?.family === 6 ? { type, address: ip.canonical } : "malformed AAAA record";
    }
    case "MX": {
      if (!isRecord(data)) return "malformed MX record";
      const { preference, exchange } = data;
      if (typeof preference !== "number" || typeof exchange !== "string")
        return "malformed MX record";
      return { type, preference, exchange: dnsName(exchange) };
    }
    case "TXT": {
      // A TXT record is a list of character-strings; mail software joins them.
      const parts = Array.isArray(data) ? data : [data];
      let text = "";
      for (const p of parts) {
        if (typeof p === "string") text += p;
        else if (p instanceof Uint8Array) text += decoder.decode(p);
        else return "malformed TXT record";
      }
      return { type, text };
    }
    case "PTR":
      return typeof data === "string" ? { type, name: dnsName(data) } : "malformed PTR record";
    default:
      return `unsupported query type ${type}`;
  }
}

function negativeTtl(authorities: readonly unknown[]): number | null {
  for (const rr of authorities) {
    if (!isRecord(rr) || rr.type !== "SOA" || !isRecord(rr.data)) continue;
    const { minimum } = rr.data;
    const ttl = typeof rr.ttl === "number" ? rr.ttl : 0;
    return typeof minimum === "number" ? Math.min(ttl, minimum) : ttl;
  }
  return null;
}

/**
 * Decode and check a response to our query for (`name`, `type`): it must be a response,
 * id 0, not truncated, and echo exactly our question; otherwise it is an error.
 */
export function decodeResponse(body: Uint8Array, name: string, type: QueryType): WireOutcome {
  // dns-packet's typings do not describe what `decode` really returns (flags, rcode,
  // classes), and the body is untrusted anyway: read it as `unknown` and check each field.
  let msg: unknown;
  try {
    msg = dnsPacket.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } catch {
    return { kind: "error", message: "undecodable DNS response from resolver" };
  }
  if (!isRecord(msg)) return { kind: "error", message: "undecodable DNS response from resolver" };
  if (msg.type !== "response")
    return { kind: "error", message: "resolver sent a query, not a response" };
  if (msg.id !== 0)
    return { kind: "error", message: `response id ${String(msg.id)} does not match query id 0` };
  if (msg.flag_tc === true)
    return { kind: "error", message: "truncated DNS response from resolver" };
  const questions = Array.isArray(msg.questions) ? msg.questions : [];
  const q: unknown = questions[0];
  const qName = isRecord(q) && typeof q.name === "string" ? dnsName(q.name) : undefined;
  const qType = isRecord(q) ? q.type : undefined;
  if (questions.length !== 1 || qName !== name || qType !== type) {
    const got = qName === undefined ? "no question" : `${qName} ${String(qType)}`;
    return {
      kind: "error",
      message: `response question (${got}) does not match query (${name} ${type})`,
    };
  }
  const rcode = typeof msg.rcode === "string" ? msg.rcode : "UNKNOWN";
  const records: WireRecord[] = [];
  for (const rr of Array.isArray(msg.answers) ? msg.answers : []) {
    if (!isRecord(rr) || rr.class !== "IN" || typeof rr.name !== "string") continue;
    const owner = dnsName(rr.name);
    const ttl = typeof rr.ttl === "number" ? rr.ttl : 0;
    if (rr.type === "CNAME") {
      if (typeof rr.data !== "string") return { kind: "error", message: "malformed CNAME record" };
      records.push({ name: owner, ttl, kind: "cname", target: dnsName(rr.data) });
    } else if (rr.type === type) {
      const answer = toAnswer(type, rr.data);
      if (typeof answer === "string") return { kind: "error", message: answer };
      records.push({ name: owner, ttl, kind: "answer", answer });
    }
  }
  return {
    kind: "message",
    rcode,
    ad: msg.flag_ad === true,
    records,
    negativeTtl: negativeTtl(Array.isArray(msg.authorities) ? msg.authorities : []),
  };
}

/** Presentation form of an answer for the trace, e.g. `10 mx1.example.com.`. */
export function presentAnswer(a: Answer): string {
  switch (a.type) {
    case "A":
    case "AAAA":
      return a.address;
    case "MX":
      return `${a.preference} ${a.exchange === "." ? "." : `${a.exchange}.`}`;
    case "TXT":
      return JSON.stringify(a.text);
    case "PTR":
      return `${a.name}.`;
  }
}
