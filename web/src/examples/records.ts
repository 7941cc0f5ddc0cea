/** What-if DNS the examples share (resolver "none": they work offline). */
import type { WhatIfRecord } from "../state/types";

/** example.com: one MX with one A and one AAAA. */
export const DUAL: readonly WhatIfRecord[] = [
  { name: "example.com", type: "MX", value: "10 mx1.example.com" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
  { name: "mx1.example.com", type: "AAAA", value: "2001:db8::25" },
];

/** Two MX hosts, each with two A and two AAAA: the multihomed cut bites. */
export const MULTI: readonly WhatIfRecord[] = [
  { name: "example.com", type: "MX", value: "10 mx1.example.com" },
  { name: "example.com", type: "MX", value: "20 mx2.example.com" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.26" },
  { name: "mx1.example.com", type: "AAAA", value: "2001:db8::25" },
  { name: "mx1.example.com", type: "AAAA", value: "2001:db8::26" },
  { name: "mx2.example.com", type: "A", value: "198.51.100.7" },
  { name: "mx2.example.com", type: "AAAA", value: "2001:db8:2::7" },
];

/**
 * The sender's domain and the EHLO name, as the deliverability examples publish them:
 * SPF for example.org allows 192.0.2.0/24 only; mail.example.org (the EHLO name) has an
 * SPF record of its own and forward-confirms 192.0.2.10.
 */
export const SENDER_DNS: readonly WhatIfRecord[] = [
  { name: "example.org", type: "TXT", value: "v=spf1 ip4:192.0.2.0/24 -all" },
  { name: "mail.example.org", type: "TXT", value: "v=spf1 a -all" },
  { name: "mail.example.org", type: "A", value: "192.0.2.10" },
  { name: "192.0.2.10", type: "PTR", value: "mail.example.org" },
];

/** The relay host the v0.13+ examples route through. */
export const RELAY: readonly WhatIfRecord[] = [
  { name: "smtp.example.org", type: "A", value: "203.0.113.5" },
];

/** example.com: one MX with two A records (two attempts, so local_ip changes between them). */
export const TWO_A: readonly WhatIfRecord[] = [
  { name: "example.com", type: "MX", value: "10 mx1.example.com" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.26" },
];

/** example.com: three MX hosts of one address each. */
export const THREE_MX: readonly WhatIfRecord[] = [
  { name: "example.com", type: "MX", value: "10 mx1.example.com" },
  { name: "example.com", type: "MX", value: "20 mx2.example.com" },
  { name: "example.com", type: "MX", value: "30 mx3.example.com" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
  { name: "mx2.example.com", type: "A", value: "198.51.100.7" },
  { name: "mx3.example.com", type: "A", value: "203.0.113.9" },
];
