/**
 * Stalwart v0.13–v0.15 (`queue.strategy`, `queue.route`, `queue.connection`): a relay
 * route and per-attempt source addresses, then the classic failures of an upgrade from
 * v0.12 (spec stalwart-strategy.md §5), each saying what Stalwart does and why.
 */
import { DUAL, RELAY, TWO_A } from "./records";
import type { Example } from "./types";

const V013 = "Stalwart v0.13–v0.15";
const UPGRADE = "Upgrade failures (v0.12 → v0.13)";

export const V013_EXAMPLES: readonly Example[] = [
  {
    id: "v013-relay-route",
    group: V013,
    title: "A relay for one domain",
    note: "queue.strategy.route sends example.com to the route 'smarthost': no MX lookup, the relay's own addresses are looked up (IPv4 then IPv6, up to 10). From v0.13 tls.implicit defaults to true, so port 587 with STARTTLS needs tls.implicit = false.",
    config: `[server]
hostname = "mail.example.org"

[queue.strategy]
route = [ { if = "rcpt_domain == 'example.com'", then = "'smarthost'" },
          { else = "'mx'" } ]

[queue.route.smarthost]
type = "relay"
address = "smtp.example.org"
port = 587
protocol = "smtp"
tls.implicit = false
`,
    records: [...DUAL, ...RELAY],
  },
  {
    id: "v013-connection-per-attempt",
    group: V013,
    title: "Source IPs and EHLO names per attempt",
    note: "Each attempt takes the list of its remote address's family from the connection 'out' and picks one address at random (per attempt: v0.12 picked once per host). 2001:db8::a says its own EHLO name (queue.source-ip), the IPv4 addresses the connection's.",
    config: `[queue.strategy]
connection = "'out'"

[queue.connection.out]
ehlo-hostname = "mail.example.org"
source-ips = ["192.0.2.10", "192.0.2.11", "2001:db8::a"]

[queue.source-ip."2001:db8::a"]
ehlo-hostname = "mail6.example.org"

[queue.route.mx]
type = "mx"
ip-lookup = "ipv6_then_ipv4"
`,
    records: DUAL,
  },
  {
    id: "upgrade-route-not-defined",
    group: UPGRADE,
    title: "Relay silently bypassed: the route is not defined",
    note: "route names 'relay', but no [queue.route.relay] exists ([route.relay], the key path of the v0.13 docs' example, is read by nothing). Stalwart falls back to its built-in MX route and only logs “Gateway not found”: mail goes out directly, from the server's own IP. Rename the table [queue.route.relay].",
    config: `[server]
hostname = "mail.example.org"

[queue.strategy]
route = "'relay'"

[route.relay]
type = "relay"
address = "smtp.example.org"
port = 587
`,
    records: [...DUAL, ...RELAY],
  },
  {
    id: "upgrade-connection-not-registered",
    group: UPGRADE,
    title: "Connection never registered (only source-ips)",
    note: "v0.13–v0.15 register a [queue.connection.<id>] only when one of its keys ends in ehlo-hostname or timeout.*: this block holds only source-ips, so 'out' is not found and the built-in connection is used: unbound, the OS picks the address. Add ehlo-hostname (or timeout.connect).",
    config: `[queue.strategy]
connection = "'out'"

[queue.connection.out]
source-ips = ["192.0.2.10", "192.0.2.11"]
`,
    records: DUAL,
  },
  {
    id: "upgrade-source-ip-string",
    group: UPGRADE,
    title: "Source IPs written the v0.12 way (a string expression)",
    note: 'v0.13 reads source-ips as plain addresses, entry by entry: "[\'192.0.2.10\', \'192.0.2.11\']" is one entry and not an address, so Stalwart logs “Invalid IP address” and skips it, and every connection is unbound. Write a TOML list: source-ips = ["192.0.2.10", "192.0.2.11"].',
    config: `[queue.connection.default]
ehlo-hostname = "mail.example.org"
source-ips = "['192.0.2.10', '192.0.2.11']"
`,
    records: DUAL,
  },
  {
    id: "upgrade-stale-local-ip",
    group: UPGRADE,
    title: "A stale local_ip in the connection expression",
    note: "The connection expression runs per remote address before connecting, so local_ip is the previous attempt's source address (0.0.0.0 on the first): the test meant to pick an EHLO name for 192.0.2.10 picks the next attempt's connection instead. Select on remote_ip or mx, or give each address its EHLO name with queue.source-ip.<ip>.ehlo-hostname.",
    config: `[queue.strategy]
connection = [ { if = "local_ip == '192.0.2.10'", then = "'b'" },
               { else = "'a'" } ]

[queue.connection.a]
ehlo-hostname = "a.example.org"
source-ips = ["192.0.2.10"]

[queue.connection.b]
ehlo-hostname = "b.example.org"
source-ips = ["192.0.2.20"]
`,
    records: TWO_A,
  },
];
