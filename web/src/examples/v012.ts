/**
 * The ≤ v0.12 examples (\`queue.outbound.*\`): the seed docs page's, the classic mistakes
 * and DNS situations.
 */
import { DUAL, MULTI } from "./records";
import type { Example } from "./types";

export const V012_EXAMPLES: readonly Example[] = [
  {
    id: "retry-v6-then-v4",
    group: "From the docs",
    title: "IPv6 on the first try, IPv4 on retries",
    note: "retry_num 0 picks branch 1 (ipv6_only); every retry takes the else (ipv4_only). Open the Retry timeline to see all attempts side by side.",
    config: `[queue.outbound]
ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" },
                { else = "ipv4_only" } ]
`,
    records: DUAL,
  },
  {
    id: "plain-strategy",
    group: "From the docs",
    title: "A fixed strategy: ipv4_then_ipv6",
    note: "One host with one A and one AAAA: IPv4 first, then IPv6 as the fallback (there is room: limits.multihomed is 2).",
    config: `[queue.outbound]
ip-strategy = "ipv4_then_ipv6"
`,
    records: DUAL,
  },
  {
    id: "source-ips",
    group: "From the docs",
    title: "Source IPs for both families",
    note: "One source address per family is picked at random per host (seeded here) and reused for every connection to that host; the docs' “each new connection” is only true from v0.13.",
    config: `[queue.outbound]
ip-strategy = "ipv6_then_ipv4"

[queue.outbound.source-ip]
v4 = "['192.0.2.10', '192.0.2.11']"
v6 = "['2001:db8::a', '2001:db8::b']"
`,
    records: DUAL,
  },
  {
    id: "mistake-toml-array",
    group: "Classic mistakes",
    title: "v4 as a real TOML array",
    note: "v4 must be a string holding an expression. A TOML array flattens to source-ip.v4.0000, which Stalwart rejects, so connections are unbound (the OS chooses).",
    config: `[queue.outbound]
ip-strategy = "ipv4_only"

[queue.outbound.source-ip]
v4 = ['192.0.2.10', '192.0.2.11']
`,
    records: DUAL,
  },
  {
    id: "mistake-single-equals",
    group: "Classic mistakes",
    title: "= instead of == in a condition",
    note: "A single = swallows the next character, so last_error='tls' misparses; the whole key falls back to ipv4_then_ipv6. Write ==.",
    config: `[queue.outbound]
ip-strategy = [ { if = "last_error='tls'", then = "ipv6_only" },
                { else = "ipv4_only" } ]
`,
    records: DUAL,
  },
  {
    id: "mistake-else-same-table",
    group: "Classic mistakes",
    title: "else in the same table as if",
    note: "Keys are read sorted, so else comes before if: “Found 'else' before 'if'”. The else must be its own list element.",
    config: `[queue.outbound]
ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only", else = "ipv4_only" } ]
`,
    records: DUAL,
  },
  {
    id: "mistake-rcpt-domain",
    group: "Classic mistakes",
    title: "rcpt_domain inside ip-strategy",
    note: "ip-strategy only sees the SENDER variables (sender, retry_num, last_error…), not rcpt_domain or mx: parse error, default ipv4_then_ipv6.",
    config: `[queue.outbound]
ip-strategy = [ { if = "rcpt_domain == 'gmail.com'", then = "ipv4_only" },
                { else = "ipv6_then_ipv4" } ]
`,
    records: DUAL,
  },
  {
    id: "mistake-multihomed-cut",
    group: "Classic mistakes",
    title: "The multihomed cut hides IPv6",
    note: "Two A records already fill limits.multihomed = 2, so with ipv4_then_ipv6 no IPv6 address is ever tried: there is no “fallback” unless IPv4 has fewer addresses than the limit.",
    config: `[queue.outbound]
ip-strategy = "ipv4_then_ipv6"
`,
    records: MULTI,
  },
  {
    id: "mistake-unquoted-ip",
    group: "Classic mistakes",
    title: 'v4 = "192.0.2.10" (not quoted inside)',
    note: "Inside the string, 192.0.2.10 is read as a number: “Invalid float value”. Quote it: v4 = \"'192.0.2.10'\".",
    config: `[queue.outbound.source-ip]
v4 = "192.0.2.10"
v6 = "'2001:db8::a'"
`,
    records: DUAL,
  },
  {
    id: "implicit-mx",
    group: "DNS situations",
    title: "No MX record (implicit MX)",
    note: "The domain has no MX record (NODATA): Stalwart uses the domain itself as the only host (implicit MX).",
    config: `[queue.outbound]
ip-strategy = "ipv6_then_ipv4"
`,
    records: [
      { name: "example.com", type: "MX", rcode: "NODATA" },
      { name: "example.com", type: "A", value: "203.0.113.5" },
      { name: "example.com", type: "AAAA", value: "2001:db8:5::1" },
    ],
  },
  {
    id: "null-mx",
    group: "DNS situations",
    title: "Null MX (RFC 7505)",
    note: "A single “0 .” MX: the domain accepts no mail; permanent failure, nothing is tried.",
    config: "",
    records: [{ name: "example.com", type: "MX", value: "0 ." }],
  },
  {
    id: "shuffled-group",
    group: "DNS situations",
    title: "Equal preferences are shuffled",
    note: "Three exchanges share preference 10: Stalwart shuffles them (change the seed to see another order); limits.mx = 2 keeps the first two.",
    config: `[queue.outbound.limits]
mx = 2
`,
    records: [
      { name: "example.com", type: "MX", value: "10 a.mx.example.com" },
      { name: "example.com", type: "MX", value: "10 b.mx.example.com" },
      { name: "example.com", type: "MX", value: "10 c.mx.example.com" },
      { name: "a.mx.example.com", type: "A", value: "192.0.2.1" },
      { name: "b.mx.example.com", type: "A", value: "192.0.2.2" },
      { name: "c.mx.example.com", type: "A", value: "192.0.2.3" },
    ],
  },
];
