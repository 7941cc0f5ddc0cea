/**
 * vitest globalSetup of the `workers` project: a real DNS stack for the DoH client.
 *
 *   workers test ──HTTP──▶ dns-proxy (Node; counts, latency, faults)
 *                 ──HTTP──▶ dnsdist addDOHLocal (plain-HTTP DoH; SERVFAIL for *.servfail.test)
 *                 ──UDP/TCP──▶ BIND 9.18 named (zones from test/fixtures/dns/)
 *
 * All on free 127.0.0.1 ports; both daemons are stopped by PID in teardown. Tests get:
 *   inject("dohUrl")          the proxy's DoH URL (…/dns-query)
 *   inject("dnsProxyControl") the proxy's control base URL (/__counts, /__reset, /__latency)
 *   inject("dnsdistDohUrl")   dnsdist's DoH URL, bypassing the proxy
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as dnsPacket from "dns-packet";
import type { TestProject } from "vitest/node";
import { startDnsProxy } from "../support/dns-proxy";
import { freePort, sleep } from "../support/net";

declare module "vitest" {
  export interface ProvidedContext {
    dohUrl: string;
    dnsProxyControl: string;
    dnsdistDohUrl: string;
  }
}

const FIXTURES = resolve(import.meta.dirname, "../fixtures/dns");
const ZONES = [
  "zone.test",
  "other.test",
  "xn--bcher-kva.test",
  "bench.test",
  "deliv.test",
  "strategy.test",
  "100.51.198.in-addr.arpa",
  "0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
];

function which(bin: string): string | undefined {
  for (const dir of [
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
    "/usr/local/sbin",
    "/usr/local/bin",
  ]) {
    const p = join(dir, bin);
    if (spawnSync("test", ["-x", p]).status === 0) return p;
  }
  return undefined;
}

/** Polls a DoH endpoint with a query for `ns.zone.test A` until it answers 200. */
async function waitForDoh(url: string, what: string, logs: () => string): Promise<void> {
  const q = dnsPacket.encode({
    type: "query",
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: "A", name: "ns.zone.test" }],
  });
  const started = Date.now();
  let last = "";
  while (Date.now() - started < 20_000) {
    try {
      const res = await fetch(`${url}?dns=${q.toString("base64url")}`, {
        headers: { accept: "application/dns-message" },
        signal: AbortSignal.timeout(1000),
      });
      const body = Buffer.from(await res.arrayBuffer());
      // rcode NOERROR (low 4 bits of byte 3) and one answer: named is up behind dnsdist.
      if (res.status === 200 && body.length > 12 && (body[3] ?? 0xff) % 16 === 0 && body[7] === 1)
        return;
      last = `HTTP ${res.status}, ${body.length} bytes`;
    } catch (e) {
      last = String(e);
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer within 20 s (${last})\n${logs()}`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.pid === undefined)
    return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
    }, 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    process.kill(child.pid as number, "SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const named = which("named");
  const dnsdist = which("dnsdist");
  if (named === undefined || dnsdist === undefined) {
    const missing = [named ? "" : "named (BIND 9)", dnsdist ? "" : "dnsdist"]
      .filter(Boolean)
      .join(" and ");
    throw new Error(`The workers tests need ${missing} on PATH: run npm run test:deps`);
  }
  // wrangler.toml's [assets] directory must exist for the pool to start; `npm test` builds
  // it first, a bare `vitest run --project workers` may not have.
  mkdirSync(resolve(import.meta.dirname, "../../dist/web"), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "dns-harness-"));
  const [namedPort, dnsdistPort, dohPort] = [await freePort(), await freePort(), await freePort()];
  const zones = ZONES.map(
    (z) => `zone "${z}" { type primary; file "${join(FIXTURES, `${z}.zone`)}"; };`,
  ).join("\n");
  writeFileSync(
    join(dir, "named.conf"),
    `options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  managed-keys-directory "${dir}";
  listen-on port ${namedPort} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  allow-query { any; };
  // Answer in database order, not rotated, so answer order is stable between queries.
  rrset-order { order none; };
  check-mx-cname ignore;
  check-mx ignore;
  notify no;
};
controls { };
${zones}
`,
  );
  writeFileSync(
    join(dir, "dnsdist.conf"),
    `setSecurityPollSuffix("")
setLocal("127.0.0.1:${dnsdistPort}")
newServer({address="127.0.0.1:${namedPort}", checkName="zone.test."})
addDOHLocal("127.0.0.1:${dohPort}", nil, nil, "/dns-query")
addAction(makeRule("servfail.test."), RCodeAction(DNSRCode.SERVFAIL))
`,
  );

  const logs: Record<string, string> = { named: "", dnsdist: "" };
  const collect = (name: string, child: ChildProcess) => {
    const add = (b: Buffer) => {
      logs[name] = (logs[name] + b.toString()).slice(-4000);
    };
    child.stdout?.on("data", add);
    child.stderr?.on("data", add);
  };
  const namedProc = spawn(named, ["-g", "-u", "root", "-c", join(dir, "named.conf")], {
    stdio: "pipe",
  });
  collect("named", namedProc);
  const dnsdistProc = spawn(
    dnsdist,
    ["--supervised", "--disable-syslog", "-C", join(dir, "dnsdist.conf")],
    {
      stdio: "pipe",
    },
  );
  collect("dnsdist", dnsdistProc);

  const dnsdistDohUrl = `http://127.0.0.1:${dohPort}/dns-query`;
  let proxy: Awaited<ReturnType<typeof startDnsProxy>> | undefined;
  const teardown = async () => {
    await proxy?.close();
    await Promise.all([stop(dnsdistProc), stop(namedProc)]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForDoh(
      dnsdistDohUrl,
      "named behind dnsdist",
      () => `named:\n${logs.named}\ndnsdist:\n${logs.dnsdist}`,
    );
    proxy = await startDnsProxy(dnsdistDohUrl);
    await waitForDoh(proxy.dohUrl, "the DNS test proxy", () => "");
  } catch (e) {
    await teardown();
    throw e;
  }
  project.provide("dohUrl", proxy.dohUrl);
  project.provide("dnsProxyControl", proxy.controlUrl);
  project.provide("dnsdistDohUrl", dnsdistDohUrl);
  return teardown;
}
