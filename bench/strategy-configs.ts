/**
 * The strategy-era configs the CPU figures evaluate, as an admin of a multi-tenant server
 * writes them: 12 smarthost routes, a connection strategy per tenant with its source
 * addresses and their EHLO names, TLS strategies and schedules, and selectors with a
 * branch per tenant. The recipient (example.com) matches no branch, so every condition is
 * evaluated, the connection selector once per attempt: the worst case.
 */

const TENANTS = [
  ...["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka"],
  ...["cyberdyne", "soylent", "tyrell", "oscorp"],
];

/** About 300 lines of Stalwart v0.13–v0.15 TOML (listeners and stores left out). */
export function v013StyleConfig(): string {
  const per = TENANTS.flatMap((t, k) => [
    `# ${t}: smarthost and outbound addresses (ticket OPS-${200 + k})`,
    `[queue.route."${t}"]`,
    'type = "relay"',
    `address = "smtp.${t}.test"`,
    `port = ${k % 2 === 0 ? 587 : 25}`,
    'protocol = "smtp"',
    "tls.implicit = false",
    `auth.username = "relay@${t}.test"`,
    `auth.secret = "%{env:${t.toUpperCase()}_RELAY_SECRET}%"`,
    "",
    `[queue.connection."${t}"]`,
    `ehlo-hostname = "out.${t}.test"`,
    'timeout.connect = "2m"',
    `source-ips = ["198.51.100.${10 + k}", "198.51.100.${40 + k}", "2001:db8:${k + 1}::25"]`,
    "",
    `[queue.source-ip."198.51.100.${10 + k}"]`,
    `ehlo-hostname = "a.out.${t}.test"`,
    "",
  ]);
  const branches = (test: (t: string) => string, then: (t: string) => string) =>
    TENANTS.map((t) => `  { if = "${test(t)}", then = "'${then(t)}'" },`);
  return [
    "# Outbound delivery, Stalwart v0.15",
    '[server]\nhostname = "mx.example.org"',
    "",
    "[queue.strategy]",
    "route = [",
    "  { if = \"is_local_domain('*', rcpt_domain)\", then = \"'local'\" },",
    ...branches(
      (t) => `rcpt_domain == '${t}.test' || ends_with(rcpt_domain, '.${t}.test')`,
      (t) => t,
    ),
    "  { else = \"'mx'\" } ]",
    "connection = [",
    ...branches(
      (t) => `ends_with(mx, '.${t}.test') || sender_domain == '${t}.test'`,
      (t) => t,
    ),
    "  { else = \"'default'\" } ]",
    "tls = [",
    "  { if = \"retry_num > 0 && last_error == 'tls'\", then = \"'invalid-tls'\" },",
    ...branches(
      (t) => `ends_with(mx, '.${t}.test')`,
      () => "strict",
    ),
    "  { else = \"'default'\" } ]",
    "",
    "[queue.route.mx]",
    'ip-lookup = "ipv6_then_ipv4"',
    "limits.mx = 7",
    "limits.multihomed = 3",
    "",
    "[queue.connection.default]",
    'ehlo-hostname = "mx.example.org"',
    'source-ips = ["192.0.2.10", "192.0.2.11", "2001:db8::a"]',
    "",
    '[queue.tls.strict]\nstarttls = "require"\nmta-sts = "require"\ndane = "optional"',
    "",
    '[queue.schedule.bulk]\nqueue-name = "remote"\nretry = ["5m", "30m", "2h"]\nexpire = "2d"',
    "",
    ...per,
  ].join("\n");
}

const list = <T>(items: readonly T[]) =>
  Object.fromEntries(items.map((item, i) => [String(i), item]));

/** The same server as `stalwart-cli snapshot` prints it for v0.16: one NDJSON line per type. */
export function v016Snapshot(): string {
  const branch = (test: (t: string) => string, name: (t: string) => string) =>
    // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
    list(TENANTS.map((t) => ({ if: test(t), then: `'${name(t)}'` })));
  const routes = Object.fromEntries([
    [
      "r-mx",
      { "@type": "Mx", name: "mx", ipLookupStrategy: "v6ThenV4", maxMxHosts: 7, maxMultihomed: 3 },
    ],
    ["r-local", { "@type": "Local", name: "local" }],
    ...TENANTS.map((t, k) => [
      `r-${t}`,
      {
        "@type": "Relay",
        name: t,
        address: `smtp.${t}.test`,
        port: k % 2 === 0 ? 587 : 25,
        authUsername: `relay@${t}.test`,
        authSecret: { "@type": "Value" },
      },
    ]),
  ]);
  const connections = Object.fromEntries([
    [
      "c-default",
      {
        name: "default",
        ehloHostname: "mx.example.org",
        sourceIps: list([{ sourceIp: "192.0.2.10" }, { sourceIp: "2001:db8::a" }]),
      },
    ],
    ...TENANTS.map((t, k) => [
      `c-${t}`,
      {
        name: t,
        ehloHostname: `out.${t}.test`,
        connectTimeout: 120_000,
        sourceIps: list([
          { sourceIp: `198.51.100.${10 + k}`, ehloHostname: `a.out.${t}.test` },
          { sourceIp: `198.51.100.${40 + k}` },
          { sourceIp: `2001:db8:${k + 1}::25` },
        ]),
      },
    ]),
  ]);
  const outbound = {
    route: {
      match: branch(
        (t) => `rcpt_domain == '${t}.test' || ends_with(rcpt_domain, '.${t}.test')`,
        (t) => t,
      ),
      else: "'mx'",
    },
    connection: {
      match: branch(
        (t) => `ends_with(mx, '.${t}.test') || sender_domain == '${t}.test'`,
        (t) => t,
      ),
      else: "'default'",
    },
  };
  return [
    { "@type": "upsert", object: "MtaRoute", matchOn: ["name"], value: routes },
    { "@type": "upsert", object: "MtaConnectionStrategy", matchOn: ["name"], value: connections },
    { "@type": "update", object: "MtaOutboundStrategy", value: outbound },
    { "@type": "update", object: "SystemSettings", value: { defaultHostname: "mx.example.org" } },
  ]
    .map((line) => JSON.stringify(line))
    .join("\n");
}
