/** The ≤ v0.12 configs of the worked examples of spec stalwart-strategy.md §6. */
export const EXAMPLES = {
  M2: '[queue.outbound]\nip-strategy = "ipv6_then_ipv4"\n',
  M3: [
    "[queue.outbound]",
    "source-ip.v4 = \"['192.0.2.10', '192.0.2.11']\"",
    "source-ip.v6 = \"'2001:db8::a'\"",
    "",
  ].join("\n"),
  M4: "[queue.outbound]\nhostname = \"'mail-out.example.com'\"\n",
  M5: `[queue.outbound]
next-hop = [{if="is_local_domain('*', rcpt_domain)", then="'local'"}, {if="retry_num > 1", then="'smarthost'"}, {else=false}]

[remote.smarthost]
address="smtp.example.org"
port=587
protocol="smtp"
tls.implicit=false
auth.username="u"
auth.secret="p"
`,
  M6: '[queue.outbound]\nnext-hop = "\'r\'"\n[remote.r]\naddress="relay.example.org"\nport=465\n',
  M9: [
    "[queue.outbound]",
    "limits.mx = 7",
    "limits.multihomed = 3",
    'timeouts.connect = "3m"',
    'timeouts.data = "10m"',
    'timeouts.tls = "2m"',
    "",
  ].join("\n"),
} as const;
