/**
 * Real-style configs of different origins (test/fixtures/configs/<origin>/): Stalwart's own
 * test and shipped configs, docs snippets, configs pasted in issues, Docker/Nix/Ansible
 * output, a config written for an old version. Each must load exactly as Stalwart v0.12.5's
 * own parser loads it: its `.expected.json` beside it was written by that parser, compiled
 * from Stalwart's source (scripts/stalwart-parser/expect.sh). Then the plan's key facts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeConfig } from "../../../functions/core/config/analysis";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import type { Plan } from "../../../functions/core/contract";
import { CoreError } from "../../../functions/core/errors";
import { a, aaaa, mx, plan, post, type Rec } from "../../support/api";

const ROOT = new URL("../../fixtures/configs/", import.meta.url);

const FILES = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".toml"))
  .sort();

const read = (file: string) => readFileSync(new URL(file, ROOT), "utf8");

type Expected = { keys: Record<string, string> } | { error: string };

function expected(file: string): Expected {
  return JSON.parse(read(file.replace(/\.toml$/, ".expected.json"))) as Expected;
}

describe("every corpus config loads exactly as Stalwart's parser loads it", () => {
  it("has a dozen configs of several origins", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FILES.map((f) => f.split("/")[0])).size).toBeGreaterThanOrEqual(6);
  });

  it.each(FILES)("%s", (file) => {
    const text = read(file);
    const want = expected(file);
    if ("keys" in want) {
      const config = loadConfig(text);
      expect(config.keys).toEqual(Object.keys(want.keys));
      expect(Object.fromEntries(config.entries.map((e) => [e.key, e.written]))).toEqual(want.keys);
      return;
    }
    if (!text.endsWith("\n") && want.error.startsWith("Unexpected EOF")) {
      // Stalwart refuses the text as pasted; the playground reads it and says so.
      const notes = loadConfig(text).notes.filter((n) => n.code === "toml_missing_final_newline");
      expect(notes[0]?.message).toContain(want.error);
      return;
    }
    expect(() => loadConfig(text)).toThrow(CoreError);
    try {
      loadConfig(text);
    } catch (err) {
      expect((err as CoreError).message).toBe(`Invalid configuration file: ${want.error}`);
    }
  });
});

const codes = (p: { diagnostics: readonly { code: string }[] }) => p.diagnostics.map((d) => d.code);
const MX1 = "mx1.example.com";
const DUAL: Rec[] = [mx(10, MX1), a(MX1, "192.0.2.1"), aaaa(MX1, "2001:db8::1")];

async function planOf(file: string, records: Rec[] = DUAL, context = {}): Promise<Plan> {
  return plan({ config: read(file), records, context });
}

describe("the plans of the corpus", () => {
  it("shipped: MX delivery, EHLO from server.hostname, the env macros explained", async () => {
    const p = await planOf("shipped/config.toml");
    expect(p.nextHop.kind).toBe("mx");
    expect(p.hostname).toBe("mail.example.org");
    expect(codes(p).filter((c) => c === "macro_not_resolved")).toHaveLength(2);
  });

  it("Stalwart's test style: bare relay address, { else = [1s] }, repeated header", async () => {
    const relay = [a("fallback.foobar.org", "192.0.2.7")];
    const p = await planOf("tests/queue-outbound.toml", relay, { domain: "foobar.org" });
    expect(p.nextHop).toMatchObject({ kind: "relay", address: "fallback.foobar.org", port: 9925 });
    expect(p.limits).toEqual({ mx: 7, multihomed: 1 });
    expect(p.retry.schedule).toEqual([1000]);
    expect(p.hostname).toBe("mx.example.org");
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.7"]);
  });

  it("docs: the seed page's strategy and sources", async () => {
    const p = await planOf("docs/ip-strategy.toml");
    expect(p.strategy.value).toBe("ipv6_only");
    expect(p.attempts.map((t) => t.ip)).toEqual(["2001:db8::1"]);
    expect(p.hosts[0]?.source.v6.candidates).toEqual(["2001:db8::a", "2001:db8::b"]);
  });

  it("docs: a relay from the second retry on", async () => {
    const relay = [...DUAL, a("smtp.mailgun.net", "198.51.100.9")];
    expect((await planOf("docs/relay.toml", relay)).nextHop.kind).toBe("mx");
    const later = await planOf("docs/relay.toml", relay, { retry_num: 2 });
    expect(later.nextHop).toMatchObject({ kind: "relay", relay: "mailgun", port: 587 });
  });

  it("an issue's paste without its last line end: read, with a warning", async () => {
    const p = await planOf("issues/pasted-no-newline.toml");
    expect(p.strategy.value).toBe("ipv6_then_ipv4");
    expect(codes(p)).toContain("toml_missing_final_newline");
  });

  it("an issue's unquoted strategy: Stalwart does not start, a 422 at its line", async () => {
    const res = await post("/api/evaluate", {
      config: read("issues/unquoted-strategy.toml"),
      context: { domain: "example.com" },
      resolver: "none",
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "toml_syntax", line: 3 } });
  });

  it("an issue's regex backslash: Stalwart matches '^v6.', any character after v6", async () => {
    const sender = { sender: "alice@v6x.example.org" };
    const p = await planOf("issues/regex-backslash.toml", DUAL, sender);
    expect(p.strategy.value).toBe("ipv6_only");
    expect(p.attempts.map((t) => t.ip)).toEqual(["2001:db8::1"]);
    expect(codes(p)).toContain("stalwart_string_escape");
  });

  it("CRLF line ends from a Windows editor read as LF", async () => {
    const p = await planOf("issues/windows-crlf.toml");
    expect(p.strategy.value).toBe("ipv6_only");
    expect(p.limits.multihomed).toBe(1);
  });

  it("a single-quoted key: refused, with the hint to use double quotes", () => {
    expect(
      analyzeConfig(read("issues/single-quoted-key.toml")).diagnostics.map((d) => d.code),
    ).toEqual(["toml_syntax", "single_quoted_key"]);
  });

  it("Docker: env macros kept as written and explained", async () => {
    const p = await planOf("docker/env-hostname.toml");
    expect(p.hostname).toBe("%{env:HOSTNAME}%");
    expect(p.nextHop).toMatchObject({ kind: "relay", relay: "relay", port: 25 });
    expect(codes(p)).toContain("macro_not_resolved");
    expect(codes(p)).toContain("relay_invalid_port");
  });

  it("Nix: lookup.default.hostname lower-cased as the EHLO name, quoted limits", async () => {
    const p = await planOf("nix/module.toml");
    expect(p.hostname).toBe("mx1.example.org");
    expect(p.limits).toEqual({ mx: 3, multihomed: 4 });
    expect(p.hosts[0]?.source.v4.candidates).toEqual(["198.51.100.5", "198.51.100.6"]);
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1", "2001:db8::1"]);
    expect(p.attempts[1]?.sourceIp).toBe("2001:db8:5::5");
  });

  it("Ansible: an unquoted relay id, tls.implicit left true on 587, auth.password", async () => {
    const p = await planOf("ansible/relay-587.toml");
    expect(p.nextHop.kind).toBe("mx");
    expect(codes(p)).toEqual(
      expect.arrayContaining(["relay_id_unquoted", "relay_implicit_tls", "relay_auth_password"]),
    );
  });

  it("a v0.4 config: a next-hop table, hyphenated names, a bare retry array", async () => {
    const p = await planOf("legacy/v04-next-hop.toml");
    expect(p.nextHop.kind).toBe("mx");
    expect(p.strategy.value).toBe("ipv4_then_ipv6");
    expect(p.retry.schedule).toEqual([
      120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
    ]);
    expect(codes(p)).toEqual(
      expect.arrayContaining(["toml_array_not_expression", "hyphenated_name", "not_standard_toml"]),
    );
  });

  it("sets and a raw ''' string: the EHLO name read through its line end", async () => {
    const p = await planOf("tests/sets-and-raw.toml");
    expect(p.hostname).toBe("mx.example.org");
    expect(p.limits.mx).toBe(2);
  });
});
