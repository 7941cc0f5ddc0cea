import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DecodeErrorCode,
  decodeState,
  encodeState,
  fromBase64Url,
  MAX_JSON_BYTES,
  readLocation,
  shareUrl,
  toBase64Url,
} from "../../../web/src/state/codec";
import {
  cleanRecords,
  curlCommand,
  evaluateRequest,
  parseVariableLines,
  shellQuote,
} from "../../../web/src/state/request";
import type { PlaygroundState } from "../../../web/src/state/types";
import { defaultState } from "../../../web/src/state/types";

async function deflateRaw(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

function hostile(): PlaygroundState {
  const s = defaultState();
  s.config = `# <script>alert(1)</script>\n[queue.outbound]\nip-strategy = "ipv4_only" # ünïcødé ✓ 🚀\n`;
  s.context.domain = "<img src=x onerror=alert(1)>.example";
  s.context.recipients = ["a@b.c", "d@e.f"];
  s.localDomains = ["example.com"];
  s.records = [
    { name: "example.com", type: "MX", rcode: "NXDOMAIN" },
    { name: "x.example", type: "TXT", value: "\"quoted\" 'single'" },
  ];
  s.seed = 4294967295;
  s.console = { expression: "'a' + \"b\"", key: "queue.outbound.ip-strategy", variables: "x = 1" };
  return s;
}

describe("state codec", () => {
  it("round-trips the default and a hostile state exactly", async () => {
    for (const s of [defaultState(), hostile()]) {
      const hash = await encodeState(s);
      expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
      const r = await decodeState(hash);
      expect(r).toEqual({ ok: true, state: s });
    }
  });

  it("round-trips arbitrary configs and domains (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 2000 }),
        fc.string({ maxLength: 200 }),
        async (config, domain) => {
          const s = defaultState();
          s.config = config;
          s.context.domain = domain;
          const r = await decodeState(await encodeState(s));
          expect(r.ok && r.state.config === config && r.state.context.domain === domain).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads the fragment of a location and builds a share URL on the same path", async () => {
    const s = hostile();
    const url = await shareUrl({ origin: "https://p.example", pathname: "/embed" }, s);
    expect(url.startsWith("https://p.example/embed#v1.")).toBe(true);
    const r = await readLocation({ hash: new URL(url).hash });
    expect(r.ok && r.state).toEqual(s);
  });

  it("fills missing fields with defaults (older or trimmed links)", async () => {
    const r = await decodeState(`#v1.${await deflateRaw(JSON.stringify({ config: "x = 1" }))}`);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.state.config).toBe("x = 1");
      expect(r.state.context).toEqual(defaultState().context);
    }
  });

  it.each([
    ["", DecodeErrorCode.Empty],
    ["#", DecodeErrorCode.Empty],
    ["#hello", DecodeErrorCode.Version],
    ["#v2.abc", DecodeErrorCode.Version],
    ["#v1.a", DecodeErrorCode.Base64],
    ["#v1.ab+c", DecodeErrorCode.Base64],
    ["#v1.AAAA", DecodeErrorCode.Inflate],
    [`#v1.${"A".repeat(300_000)}`, DecodeErrorCode.TooLarge],
  ])("refuses %s with a coded error", async (hash, code) => {
    const r = await decodeState(hash);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it("refuses a truncated link", async () => {
    const hash = await encodeState(hostile());
    const r = await decodeState(hash.slice(0, Math.floor(hash.length / 2)));
    expect(r.ok).toBe(false);
  });

  it("refuses JSON that is not a state, and non-JSON", async () => {
    const bad = await decodeState(`#v1.${await deflateRaw(JSON.stringify({ seed: "x" }))}`);
    expect(!bad.ok && bad.code).toBe(DecodeErrorCode.Shape);
    const arr = await decodeState(`#v1.${await deflateRaw("[1,2]")}`);
    expect(!arr.ok && arr.code).toBe(DecodeErrorCode.Shape);
    const notJson = await decodeState(`#v1.${await deflateRaw("{nope")}`);
    expect(!notJson.ok && notJson.code).toBe(DecodeErrorCode.Json);
    const hugeRecord = { records: [{ name: "a", type: "A", value: "x".repeat(5000) }] };
    const big = await decodeState(`#v1.${await deflateRaw(JSON.stringify(hugeRecord))}`);
    expect(!big.ok && big.code).toBe(DecodeErrorCode.Shape);
  });

  it("refuses a deflate bomb without inflating it all", async () => {
    const bomb = `{"config":"${" ".repeat(MAX_JSON_BYTES * 4)}"}`;
    const r = await decodeState(`#v1.${await deflateRaw(bomb)}`);
    expect(!r.ok && r.code).toBe(DecodeErrorCode.TooLarge);
  });

  it("base64url round-trips every byte", () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url("a=b")).toBeNull();
  });
});

describe("requests", () => {
  it("uses the API's field names and drops empty what-if rows", () => {
    const s = hostile();
    s.records.push(
      { name: " ", type: "A", value: "1.2.3.4" },
      { name: "mx.", type: "A", value: " " },
    );
    const req = evaluateRequest(s, 3);
    expect(req.context.retry_num).toBe(3);
    expect(req.context.domain).toBe(s.context.domain);
    expect(req.records).toEqual([
      { name: "example.com", type: "MX", rcode: "NXDOMAIN" },
      { name: "x.example", type: "TXT", value: "\"quoted\" 'single'" },
    ]);
    expect(req.localDomains).toEqual(["example.com"]);
    expect(Object.keys(evaluateRequest(defaultState()))).toEqual([
      "config",
      "context",
      "records",
      "resolver",
      "seed",
    ]);
    expect(cleanRecords([{ name: "a.", type: "A", value: "1.2.3.4" }])).toEqual([
      { name: "a", type: "A", value: "1.2.3.4" },
    ]);
  });

  it("quotes curl bodies so the shell reads them back verbatim", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const cmd = curlCommand("http://localhost:8787", hostile());
    expect(cmd).toContain("'http://localhost:8787/api/evaluate'");
    const m = /--data-binary '((?:[^']|'\\'')*)'$/.exec(cmd);
    expect(m).not.toBeNull();
    const body = JSON.parse((m?.[1] ?? "").replace(/'\\''/g, "'"));
    expect(body).toEqual(evaluateRequest(hostile()));
  });

  it("parses console variables", () => {
    expect(
      parseVariableLines("retry_num = 2\nlast_error = 'tls'\nrecipients = [a@b, 'c@d']\nbad line"),
    ).toEqual({
      retry_num: 2,
      last_error: "tls",
      recipients: ["a@b", "c@d"],
    });
  });
});
