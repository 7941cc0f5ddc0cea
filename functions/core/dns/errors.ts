/**
 * Coded errors for DNS input a user can get wrong: the recipient domain and the what-if
 * `records` of a request. Like `CoreError`, the machine `code` is stable (tests and the
 * API assert it); `index` is the position of the offending record in `records`.
 */
export const DnsInputErrorCode = {
  /** Not a DNS name we will query (IP literal, URL, empty label, too long, …). */
  InvalidDomain: "invalid_domain",
  /** A what-if record whose name, type, value or rcode does not parse. */
  InvalidRecord: "invalid_record",
} as const;
export type DnsInputErrorCode = (typeof DnsInputErrorCode)[keyof typeof DnsInputErrorCode];

export class DnsInputError extends Error {
  override readonly name = "DnsInputError";
  constructor(
    readonly code: DnsInputErrorCode,
    message: string,
    /** Index into the request's `records` array, for `invalid_record`. */
    readonly index?: number,
  ) {
    super(message);
  }
}
