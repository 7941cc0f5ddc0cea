/**
 * The deliverability checks (issue 16): a source IP outside the SPF record, an EHLO name
 * that is not the PTR name, an unbound attempt. Each turns the checks on.
 */
import type { CheckName } from "../core-adapter";
import { DUAL, SENDER_DNS } from "./records";
import type { Example } from "./types";

const BOTH_CHECKS: readonly CheckName[] = ["spf", "ptr"];

export const DELIVERABILITY_EXAMPLES: readonly Example[] = [
  {
    id: "spf-outside-record",
    group: "Deliverability",
    title: "A source IP outside the SPF record",
    note: "Two source IPs, picked at random per host: 192.0.2.10 is in example.org's SPF record, 198.51.100.20 is not (SPF fail for alice@example.org, and no PTR). Expand the attempt to see both candidates; half the messages would leave from the failing one.",
    config: `[queue.outbound]
ip-strategy = "ipv4_only"
hostname = "'mail.example.org'"

[queue.outbound.source-ip]
v4 = "['192.0.2.10', '198.51.100.20']"
`,
    records: [...DUAL, ...SENDER_DNS],
    checks: BOTH_CHECKS,
  },
  {
    id: "ehlo-not-ptr",
    group: "Deliverability",
    title: "An EHLO name that does not match the PTR",
    note: "192.0.2.10 passes SPF and its PTR host-10.isp.example.net resolves back to it (PTR ✓), but Stalwart says EHLO mail.example.org, which is not that name (EHLO ✗). Set the PTR record to mail.example.org, or queue.outbound.hostname to the PTR name.",
    config: `[queue.outbound]
ip-strategy = "ipv4_only"
hostname = "'mail.example.org'"

[queue.outbound.source-ip]
v4 = "['192.0.2.10']"
`,
    records: [
      ...DUAL,
      ...SENDER_DNS.filter((r) => r.type !== "PTR"),
      { name: "192.0.2.10", type: "PTR", value: "host-10.isp.example.net" },
      { name: "host-10.isp.example.net", type: "A", value: "192.0.2.10" },
    ],
    checks: BOTH_CHECKS,
  },
  {
    id: "unbound-ipv6",
    group: "Deliverability",
    title: "An unbound IPv6 attempt",
    note: "Only source-ip.v4 is set, and ipv6_then_ipv4 tries the AAAA first: that attempt is unbound, so the operating system picks an IPv6 address that no SPF record or PTR was written for. It cannot be checked; add source-ip.v6 (or use ipv4_only).",
    config: `[queue.outbound]
ip-strategy = "ipv6_then_ipv4"
hostname = "'mail.example.org'"

[queue.outbound.source-ip]
v4 = "['192.0.2.10']"
`,
    records: [...DUAL, ...SENDER_DNS],
    checks: BOTH_CHECKS,
  },
];
