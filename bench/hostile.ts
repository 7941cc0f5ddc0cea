/**
 * 1b. The hostile inputs of issue 18, each as one whole request through the Hono app
 * (`app.request`: zod, JSON, core; no network): the worst request per route, in CPU ms
 * (median of repeated runs), held to the Workers free plan's 10 ms. Each must be answered
 * with a 200, a coded 4xx or a diagnostic: the row says which.
 */
import { createApp } from "../functions/app";
import { LIMITS } from "../functions/core/limits";
import { defaultDeps } from "../functions/deps";
import { type Figure, figure } from "./support/figures";
import { median } from "./support/util";

const sum = (n: number, term: string) => Array(n).fill(term).join(" + ");
const list = Array.from({ length: LIMITS.arraySize }, (_, i) => `s${i}`);

/** `[queue.outbound] key = [ branches…, else ]`, as many branches as fit in `bytes`. */
function branches(key: string, condition: (i: number) => string, then: string, bytes: number) {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const b = `{ if = "${condition(i)}", then = "${then}" }`;
    size += b.length + 2;
    if (size < bytes) out.push(b);
  }
  return `[queue.outbound]\n${key} = [${out.join(", ")}, { else = "${then}" }]\n`;
}

/**
 * An SPF record of about 1 KiB: macro-expanded `exists` and `a` terms, then `ip4`/`ip6`
 * terms that never match, then an include of the next record (ten levels, RFC 7208's
 * lookup limit).
 */
function spfRecord(i: number): string {
  const macros = ["exists:%{ir}.%{l1r-}.%{o}.x.example", "a:%{d2}.%{h}.y.example/24"];
  const terms: string[] = ["v=spf1", ...macros];
  for (let k = 0; terms.join(" ").length < 960; k++) terms.push(`ip4:198.51.${i}.${k}/32`);
  if (i < 10) terms.push(`include:s${i + 1}.example`);
  return `"${terms.join(" ")} -all"`;
}

interface Hostile {
  readonly name: string;
  readonly path: "/api/evaluate" | "/api/expression" | "/api/spf";
  readonly body: unknown;
}

const evaluate = (config: string, context: Record<string, unknown> = {}) => ({
  config,
  context: { domain: "example.com", ...context },
  resolver: "none",
  seed: 1,
});

const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);

const CASES: readonly Hostile[] = [
  {
    name: "evaluate: 62 KiB of branches hashing 61 KiB each (SHA-512)",
    path: "/api/evaluate",
    body: evaluate(
      branches(
        "hostname",
        (i) => `hash(${sum(60, "sender")} + '${i}', 'sha512') == 'x'`,
        "'h'",
        62_000,
      ),
      { sender: "s".repeat(1024) },
    ),
  },
  {
    name: "evaluate: is_intersect of 100 x 100 disjoint elements in every branch",
    path: "/api/evaluate",
    body: evaluate(
      branches(
        "limits.mx",
        (i) => `is_intersect(recipients, split(sender, ',')) == ${i + 1}`,
        "'5'",
        62_000,
      ),
      {
        recipients: Array.from({ length: LIMITS.recipients }, (_, i) => `u${i}@example.org`),
        sender: Array.from({ length: 100 }, (_, i) => `v${i}`).join(","),
      },
    ),
  },
  {
    name: "evaluate: 1,999 unknown keys",
    path: "/api/evaluate",
    body: evaluate(
      `[queue.outbound]\n${Array.from({ length: 1999 }, (_, i) => `k${i}-unknown-setting = 1`).join("\n")}\n`,
    ),
  },
  {
    name: "spf: 10 includes of 1 KiB records full of mechanisms and macros",
    path: "/api/spf",
    body: {
      ip: "2001:db8::1",
      sender: `${"l".repeat(60)}@s0.example`,
      helo: "mail.example",
      resolver: "none",
      records: Array.from({ length: 11 }, (_, i) => ({
        name: `s${i}.example`,
        type: "TXT",
        value: spfRecord(i),
      })),
    },
  },
  {
    name: "expression: SHA-512, is_intersect 1,024², dedup 1,024 (8 KiB body)",
    path: "/api/expression",
    body: {
      expression: `hash(${sum(15, "rcpt")}, 'sha512') + is_intersect(recipients, winnow(recipients)) + count(dedup(recipients))`,
      variables: { rcpt: "a".repeat(4096 - 1024), recipients: list },
    },
  },
  {
    name: "expression: (a|a)*b over 61 KiB",
    path: "/api/expression",
    body: {
      expression: `matches('(a|a)*b', ${sum(15, "rcpt")})`,
      variables: { rcpt: "a".repeat(4096) },
    },
  },
  {
    name: "expression: variables nested 1,000 arrays deep (2 KB body)",
    path: "/api/expression",
    body: { expression: "1", variables: { rcpt: deep(1000) } },
  },
];

/** What the answer was: the status, and the error code or the cost diagnostics. */
function outcome(status: number, body: string): string {
  const code = /"error":\{"code":"([a-z_]+)"/.exec(body)?.[1];
  if (code !== undefined) return `${status} ${code}`;
  const costly = (body.match(/"code":"(eval_failed|cost_limit)"/g) ?? []).length;
  return costly > 0 ? `${status}, ${costly} cost diagnostics` : `${status}`;
}

export async function benchHostile(): Promise<Figure[]> {
  const app = createApp(defaultDeps());
  const out: Figure[] = [];
  for (const c of CASES) {
    const body = JSON.stringify(c.body);
    let answer = "";
    const runs: number[] = [];
    for (let i = 0; i < 25; i++) {
      const c0 = process.cpuUsage();
      const res = await app.request(
        c.path,
        { method: "POST", headers: { "content-type": "application/json" }, body },
        { DOH_URL: "" },
      );
      const text = await res.text();
      const t = process.cpuUsage(c0);
      // The first five warm the code up.
      if (i >= 5) runs.push((t.user + t.system) / 1000);
      answer = outcome(res.status, text);
    }
    if (answer.startsWith("5")) throw new Error(`${c.name}: answered ${answer}`);
    out.push(
      figure("hostile", c.name, median(runs), "ms", {
        budget: 10,
        note: `${(body.length / 1024).toFixed(1)} KiB body; answered ${answer}`,
      }),
    );
  }
  return out;
}
