/**
 * Stalwart v0.13–v0.15's `ParseValue` impls for the types the outbound settings use, with
 * their error texts (crates/utils/src/config/utils.rs @v0.15.5; `ServerProtocol` in
 * crates/common/src/config/server/listener.rs:315; `RequireOptional` and `QueueName` in
 * crates/common/src/config/smtp/queue.rs:753, 960).
 */

import { parseDuration } from "../../config/convert";
import type { IpStrategy } from "../../config/settings";
import { rustStrDebug } from "../../expr/rust-debug";
import { parseIp } from "../../ip";
import type { RequireOptional } from "../strategy-config";
import type { ParseValue } from "./settings-reader";

const ok = <T>(value: T) => ({ value });
const fail = (error: string) => ({ error });

/** Rust's `str::parse` of an unsigned integer: an optional `+`, ASCII digits, within `max`. */
function unsigned(max: bigint): ParseValue<number> {
  return (v) => {
    if (/^\+?[0-9]+$/.test(v) && BigInt(v.replace("+", "")) <= max)
      return ok(Number(v.replace("+", "")));
    return fail(`Invalid integer value ${rustStrDebug(v)}.`);
  };
}

export const parseUsize = unsigned(2n ** 64n - 1n);
export const parseU32 = unsigned(2n ** 32n - 1n);
export const parseU16 = unsigned(65_535n);

export const parseString: ParseValue<string> = (v) => ok(v);

/** `bool::from_str`: exactly `true` or `false`. */
export const parseBool: ParseValue<boolean> = (v) =>
  v === "true"
    ? ok(true)
    : v === "false"
      ? ok(false)
      : fail(`Invalid boolean value ${rustStrDebug(v)}.`);

/** `IpAddr::from_str`, the address in Rust's printed (canonical) form. */
export const parseIpAddr: ParseValue<string> = (v) => {
  const ip = parseIp(v);
  return ip === null ? fail(`Invalid IP address value ${rustStrDebug(v)}.`) : ok(ip.canonical);
};

/** `Duration`: digits and a unit (`d`, `h`, `m`, `s`, `ms` or none = ms), above zero; in ms. */
export const parseDurationMs: ParseValue<number> = (v) => {
  const ms = parseDuration(v);
  return ms === undefined ? fail(`Invalid duration value ${rustStrDebug(v)}.`) : ok(ms);
};

const LOOKUPS: readonly IpStrategy[] = [
  "ipv4_only",
  "ipv6_only",
  "ipv6_then_ipv4",
  "ipv4_then_ipv6",
];

/** `IpLookupStrategy`: the four names, any case. */
export const parseIpLookup: ParseValue<IpStrategy> = (v) => {
  const found = LOOKUPS.find((s) => s === v.toLowerCase());
  return found === undefined ? fail(`Invalid IP lookup strategy ${rustStrDebug(v)}.`) : ok(found);
};

const PROTOCOLS = ["smtp", "lmtp", "imap", "http", "managesieve", "pop3"];

/** `ServerProtocol`: ASCII case-insensitive; `https` is `http`. Lower-case name. */
export const parseProtocol: ParseValue<string> = (v) => {
  const lower = v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const name = lower === "https" ? "http" : lower;
  return PROTOCOLS.includes(name)
    ? ok(name)
    : fail(`Invalid server protocol type ${rustStrDebug(v)}.`);
};

/** `RequireOptional`: exact words. */
export const parseRequireOptional: ParseValue<RequireOptional> = (v) => {
  if (v === "optional") return ok("optional");
  if (v === "require" || v === "required") return ok("require");
  if (v === "disable" || v === "disabled" || v === "none" || v === "false") return ok("disable");
  return fail(`Invalid TLS option value ${rustStrDebug(v)}.`);
};

/** `QueueName`: trimmed, 1 to 8 bytes of UTF-8. */
export const parseQueueName: ParseValue<string> = (v) => {
  const name = v.trim();
  const bytes = new TextEncoder().encode(name).length;
  return bytes >= 1 && bytes <= 8
    ? ok(name)
    : fail(`Queue name '${v}' is too long. Maximum length is 8 bytes.`);
};
