/**
 * Stalwart v0.16 registry objects, in the shapes an admin has in hand (spec
 * stalwart-strategy.md §3.3): a `stalwart-cli snapshot` (NDJSON apply-plan lines), the
 * docs' array of objects (one JSON value: checked and completed from the registry's
 * schema in the editor), and a single object, with the v0.16 behaviours that surprise.
 */
import { DUAL, RELAY, THREE_MX } from "./records";
import type { Example } from "./types";

const V016 = "Stalwart v0.16";

/** One apply-plan line per object type, as `stalwart-cli snapshot` prints them. */
const SNAPSHOT = [
  `{"@type":"upsert","object":"MtaRoute","matchOn":["name"],"value":{"mtaroute-a":{"@type":"Mx","name":"mx","ipLookupStrategy":"v6ThenV4","maxMultihomed":2,"maxMxHosts":5},"mtaroute-b":{"@type":"Local","name":"local"},"mtaroute-c":{"@type":"Relay","name":"smarthost","address":"smtp.example.org","port":587,"protocol":"smtp","implicitTls":false,"allowInvalidCerts":false}}}`,
  `{"@type":"upsert","object":"MtaConnectionStrategy","matchOn":["name"],"value":{"mtaconnectionstrategy-a":{"name":"default","ehloHostname":"mail.example.org","sourceIps":{"0":{"sourceIp":"192.0.2.10"},"1":{"sourceIp":"2001:db8::a","ehloHostname":"mail6.example.org"}}}}}`,
  `{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"match":{"0":{"if":"is_local_domain(rcpt_domain)","then":"'local'"},"1":{"if":"retry_num > 1","then":"'smarthost'"}},"else":"'mx'"}}}`,
  "",
].join("\n");

export const V016_EXAMPLES: readonly Example[] = [
  {
    id: "v016-snapshot",
    group: V016,
    title: "A stalwart-cli snapshot (NDJSON)",
    note: "One apply-plan line per object type. The first tries go by MX (IPv6 first, from 2001:db8::a with its own EHLO name); from retry_num 2 the route expression picks the relay 'smarthost' (open the Retry timeline). is_local_domain takes one argument from v0.16.",
    config: SNAPSHOT,
    records: [...DUAL, ...RELAY],
  },
  {
    id: "v016-objects",
    group: V016,
    title: "Objects as the docs show them (a JSON array)",
    note: 'One JSON value, so the editor checks it against the v0.16 registry\'s schema and completes its fields (Ctrl+Space inside an object). The connection is told apart by its fields; lists may be arrays here, the registry itself keys them "0", "1", …',
    config: `[
  {
    "@type": "Mx",
    "name": "mx",
    "ipLookupStrategy": "v4ThenV6",
    "maxMxHosts": 5,
    "maxMultihomed": 2
  },
  {
    "name": "default",
    "ehloHostname": "mail.example.org",
    "sourceIps": [{ "sourceIp": "192.0.2.10" }, { "sourceIp": "2001:db8::a" }]
  }
]
`,
    records: DUAL,
  },
  {
    id: "v016-default-max-mx",
    group: V016,
    title: "No route given: v0.16's mx route tries 2 hosts",
    note: "No MtaRoute object: v0.16 writes its safe defaults, whose mx route has maxMxHosts 2 (v0.13–v0.15's built-in had 5), so the third MX host is never tried. Give an Mx route with maxMxHosts to change it.",
    config: `{ "route": { "match": {}, "else": "'mx'" } }
`,
    records: THREE_MX,
    model: "v0.16",
  },
  {
    id: "v016-ip-relay",
    group: V016,
    title: "A relay given by its IP address",
    note: "From v0.16 a relay address that is an IP literal is used as it is, with no DNS lookup; v0.13–v0.15 looked it up as a name and found nothing (stalwart#838). implicitTls defaults to false in v0.16 (true in v0.13–v0.15).",
    config: `[
  { "@type": "Relay", "name": "office", "address": "203.0.113.25", "port": 25 },
  { "route": { "match": {}, "else": "'office'" } }
]
`,
    records: DUAL,
  },
];
