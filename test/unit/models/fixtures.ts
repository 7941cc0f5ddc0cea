/**
 * Inputs in the shapes users have in hand (spec stalwart-strategy.md §1.4, §3.3), written
 * in the style of the tools that print them.
 */

/** `stalwart-cli snapshot …` as in the spec's §3.3 example (upsert lines, secrets stripped). */
export const SNAPSHOT_UPSERT = [
  '{"@type":"upsert","object":"MtaRoute","matchOn":["name"],"value":{"mtaroute-a":{"@type":"Mx","name":"mx","description":"MX delivery route","ipLookupStrategy":"v4ThenV6","maxMultihomed":2,"maxMxHosts":2},"mtaroute-b":{"@type":"Local","name":"local"},"mtaroute-c":{"@type":"Relay","name":"smarthost","address":"smtp.example.org","port":587,"protocol":"smtp","implicitTls":false,"allowInvalidCerts":false,"authUsername":"relayuser"}}}',
  '{"@type":"upsert","object":"MtaConnectionStrategy","matchOn":["name"],"value":{"mtaconnectionstrategy-a":{"name":"default","ehloHostname":"mail.example.com","sourceIps":{"0":{"sourceIp":"192.0.2.10","ehloHostname":"out10.example.com"},"1":{"sourceIp":"2001:db8::a"}},"connectTimeout":300000,"greetingTimeout":300000,"ehloTimeout":300000,"mailFromTimeout":300000,"rcptToTimeout":300000,"dataTimeout":600000}}}',
  `{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"match":{"0":{"if":"is_local_domain(rcpt_domain)","then":"'local'"},"1":{"if":"retry_num > 1","then":"'smarthost'"}},"else":"'mx'"},"connection":{"match":{},"else":"'default'"},"tls":{"match":{"0":{"if":"retry_num > 0 && last_error == 'tls'","then":"'invalid-tls'"}},"else":"'default'"},"schedule":{"match":{"0":{"if":"is_local_domain(rcpt_domain)","then":"'local'"},"1":{"if":"source == 'dsn'","then":"'dsn'"},"2":{"if":"source == 'report'","then":"'report'"}},"else":"'remote'"}}}`,
  "",
].join("\n");

/**
 * stalwart-cli 1.0.x `snapshot` as its code writes it (src/commands/snapshot.rs): destroy
 * lines first, one create line per route variant with client ids `<type>-<server id>`, a
 * deferred update by `#<client id>`, singletons last; `authSecret` kept with its secret
 * left out.
 */
export const SNAPSHOT_CLI = [
  '{"@type":"destroy","object":"MtaRoute"}',
  '{"@type":"destroy","object":"MtaTlsStrategy"}',
  '{"@type":"create","object":"MtaRoute","value":{"mtaroute-b":{"@type":"Mx","name":"mx","description":"MX delivery route","ipLookupStrategy":"v6ThenV4","maxMultihomed":2,"maxMxHosts":2}}}',
  '{"@type":"create","object":"MtaRoute","value":{"mtaroute-d":{"@type":"Relay","name":"relay","address":"10.0.0.25","port":25,"protocol":"smtp","implicitTls":false,"allowInvalidCerts":true,"authUsername":"mailer","authSecret":{"@type":"Value"}}}}',
  '{"@type":"create","object":"MtaTlsStrategy","value":{"mtatlsstrategy-a":{"name":"default","description":"Default TLS settings","allowInvalidCerts":false,"dane":"optional","mtaSts":"optional","startTls":"require","tlsTimeout":180000,"mtaStsTimeout":300000}}}',
  '{"@type":"update","object":"MtaRoute","id":"#mtaroute-d","value":{"description":"Relay via the office gateway"}}',
  '{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"match":{"0":{"if":"is_local_domain(rcpt_domain)","then":"\'local\'"}},"else":"\'relay\'"}}}',
  "",
].join("\n");

/** `stalwart-cli get MtaConnectionStrategy <id> --json`: one object, one line. */
export const GET_JSON =
  '{"id":"b","name":"out","description":"Outbound IPs","ehloHostname":null,"sourceIps":{"0":{"sourceIp":"198.51.100.7","ehloHostname":"mx7.example.net"},"1":{"sourceIp":"198.51.100.8","ehloHostname":null}},"connectTimeout":120000,"greetingTimeout":300000,"ehloTimeout":300000,"mailFromTimeout":300000,"rcptToTimeout":300000,"dataTimeout":600000}\n';

/** The docs' form: an array of bare objects, lists as arrays. */
export const DOCS_ARRAY = `[
  {
    "route": {
      "match": [
        { "if": "is_local_domain(rcpt_domain)", "then": "'local'" },
        { "if": "rcpt_domain == 'partner.example'", "then": "'partner'" }
      ],
      "else": "'mx'"
    }
  },
  {
    "@type": "Relay",
    "name": "partner",
    "address": "mx.partner.example",
    "port": 465,
    "implicitTls": true
  },
  {
    "name": "ipv6-out",
    "sourceIps": [{ "sourceIp": "2001:db8::25" }]
  }
]
`;

/** A JMAP response to `x:MtaRoute/get` and `x:SystemSettings/get`, whole envelope. */
export const JMAP_RESPONSE = `{
  "methodResponses": [
    ["x:MtaRoute/get", {
      "accountId": "a",
      "state": "s1",
      "list": [
        {"id": "a", "@type": "Mx", "name": "mx", "description": null, "ipLookupStrategy": "v4Only", "maxMultihomed": 1, "maxMxHosts": 3},
        {"id": "b", "@type": "Local", "name": "local", "description": "Local delivery route"}
      ],
      "notFound": []
    }, "c0"],
    ["x:SystemSettings/get", {
      "accountId": "a",
      "state": "s2",
      "list": [
        {"id": "singleton", "defaultHostname": "mail.example.com", "defaultDomainId": "d", "maxConnections": 8192, "services": {"smtp": {"cleartext": false}}}
      ],
      "notFound": []
    }, "c1"]
  ],
  "sessionState": "3e25b2a0"
}
`;

/** `migrate_v016.py dump` → settings.json: every key, full, sorted, indented. */
export const SETTINGS_JSON = `{
  "lookup.default.hostname": "mail.example.com",
  "queue.connection.default.timeout.connect": "5m",
  "queue.connection.out.source-ips.0": "192.0.2.10",
  "queue.connection.out.source-ips.1": "2001:db8::10",
  "queue.route.local.type": "local",
  "queue.route.mx.type": "mx",
  "queue.route.relay.address": "smtp.example.org",
  "queue.route.relay.type": "relay",
  "queue.strategy.route.0.if": "is_local_domain('*', rcpt_domain)",
  "queue.strategy.route.0.then": "'local'",
  "queue.strategy.route.1.else": "'relay'",
  "server.hostname": "mx1.example.com"
}
`;

/** `GET /api/settings/list?prefix=queue`: prefix stripped, local + DB merged. */
export const SETTINGS_LIST = `{"data":{"total":6,"items":{"connection.default.timeout.connect":"5m","route.mx.type":"mx","route.mx.ip-lookup":"ipv6_then_ipv4","strategy.route.0.if":"retry_num > 1","strategy.route.0.then":"'relay'","strategy.route.1.else":"'mx'"}}}`;
