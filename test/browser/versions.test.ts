/**
 * Issue 14, Deliver 5: the Stalwart versions in the playground. The version picker and
 * what Auto chose and why; the route, the connection per attempt and the EHLO name in the
 * result; the classic upgrade failures; Monaco's JSON mode with the v0.16 registry's JSON
 * Schema (validation and completion from the schema) and NDJSON snapshots; completion and
 * hover for the v0.13 keys and their variable sets; the model in share links and embeds.
 */
import { describe, expect, it } from "vitest";
import {
  chooseExample,
  clickRun,
  exampleById,
  screenshot,
  seriousViolations,
  sharedPlayground,
  steadyLoad,
  VIEWPORTS,
} from "./browser";

const s = sharedPlayground();
const texts = s.texts;

/**
 * Does `action`, then waits for the live reading of the text it left: a lint has run
 * since, and none is waiting or running (`data-pending`).
 */
async function thenRead(action: () => Promise<void>): Promise<void> {
  const linted = () => s.page.getAttribute("#live-diagnostics", "data-linted");
  const before = Number((await linted()) ?? 0);
  await action();
  await s.page.waitForFunction((n) => {
    const list = document.getElementById("live-diagnostics");
    return Number(list?.dataset.linted ?? 0) > n && list?.dataset.pending === undefined;
  }, before);
}

const chosen = () => s.page.getAttribute("#model-chosen", "data-model");

/** Replaces the editor's text (pasted: typing would auto-close brackets). */
async function paste(text: string): Promise<void> {
  await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Control+V");
}

/** The labels of the completion list opened with Ctrl+Space at the caret. */
async function suggestions(): Promise<string[]> {
  await s.page.keyboard.press("Control+Space");
  await s.page.waitForSelector(".suggest-widget .monaco-list-row");
  const labels = await s.page.$$eval(".suggest-widget .monaco-list-row", (els) =>
    els.map((e) => (e.getAttribute("aria-label") ?? "").split(",")[0] ?? ""),
  );
  await s.page.keyboard.press("Escape");
  return labels;
}

describe("the version picker", () => {
  it("Auto says what it chose and why, at the key and line that decided", async () => {
    await thenRead(() => chooseExample(s.page, "v013-relay-route"));
    expect(await chosen()).toBe("v0.13");
    expect(await s.page.inputValue("#model")).toBe("auto");
    expect(await s.page.textContent("#model-chosen")).toBe("→ 0.13–0.15");
    expect(await s.page.textContent("#model-reason")).toBe(
      "Auto reads it as Stalwart v0.13–v0.15: queue.strategy.route.0000.if at line 5 is read only by Stalwart v0.13–v0.15.",
    );
    expect(await s.page.textContent("#result-model")).toBe("Read as Stalwart v0.13–v0.15");
    expect(await s.page.getAttribute("#result-model", "title")).toContain(
      "queue.strategy.route.0000.if at line 5",
    );
    await screenshot(s.page, "versions-v013-relay");
  });

  it("the route, and per attempt the connection and the EHLO name, are in the result", async () => {
    expect(await s.page.getAttribute("#result-route", "data-route")).toBe("smarthost");
    expect(await s.page.textContent("#result-route")).toContain(
      "relay smtp.example.org:587 (SMTP, STARTTLS)",
    );
    expect(await s.page.textContent("#result-route")).toContain(
      "chosen by branch 1 (if rcpt_domain == 'example.com')",
    );
    expect(await texts("#attempts .attempt .via")).toEqual([
      "connection 'default' (the selector's single value or default, local_ip 0.0.0.0) · EHLO mail.example.org from the server hostname (no connection or source address names one)",
    ]);
  });

  it("a version chosen by hand is read as such, and the keys it ignores are flagged", async () => {
    await thenRead(async () => {
      await s.page.selectOption("#model", "v0.12");
    });
    expect(await chosen()).toBe("v0.12");
    expect(await s.page.textContent("#model-reason")).toBe("Read as Stalwart ≤ v0.12, as chosen.");
    await s.page.waitForFunction(() =>
      document
        .getElementById("live-diagnostics")
        ?.textContent?.includes("Stalwart ≤ v0.12 does not read"),
    );
    await clickRun(s.page);
    expect(await s.page.getAttribute("#result-model", "data-model")).toBe("v0.12");
    // Stalwart ≤ v0.12 reads none of it: MX delivery, both families.
    expect(await texts("#attempts .ip")).toEqual(["192.0.2.25 IPv4", "2001:db8::25 IPv6"]);
  });

  it("a share link and an embed carry the version", async () => {
    await s.page.click("#copy-link");
    await s.page.waitForSelector("#banner:has-text('Link copied')");
    const link = await s.page.evaluate(() => navigator.clipboard.readText());
    const other = await s.context.newPage();
    try {
      await other.goto(link);
      await other.waitForSelector("#model-chosen[data-model='v0.12']", { state: "attached" });
      expect(await other.inputValue("#model")).toBe("v0.12");
      await other.goto(link.replace(/\/#/, "/embed#"));
      await other.waitForSelector("#model-chosen[data-model='v0.12']", { state: "attached" });
      expect(await other.inputValue("#model")).toBe("v0.12");
      expect(await other.getAttribute("#result-model", "data-model")).toBe("v0.12");
    } finally {
      await other.close();
    }
  });
});

describe("the classic upgrade failures", () => {
  it("relay silently bypassed: the route is not defined, and the fallback is said", async () => {
    await chooseExample(s.page, "upgrade-route-not-defined");
    expect(await s.page.textContent("#route-fallback")).toContain(
      "no route 'relay' is defined: Stalwart falls back to its built-in MX route",
    );
    expect(await texts("#attempts .host")).toEqual([
      "mx1.example.com pref 10",
      "mx1.example.com pref 10",
    ]);
    expect(await s.page.textContent("#result-diagnostics")).toContain("route_not_found");
  });

  it("a connection never registered: every attempt on the built-in connection, unbound", async () => {
    await chooseExample(s.page, "upgrade-connection-not-registered");
    expect(await texts("#attempts .via .badge")).toEqual([
      "not defined: built-in, unbound",
      "not defined: built-in, unbound",
    ]);
    expect(await texts("#attempts .src")).toEqual([
      "from OS chooses (unbound)",
      "from OS chooses (unbound)",
    ]);
    expect(await s.page.textContent("#result-diagnostics")).toContain("connection_not_registered");
  });

  it("source IPs as a v0.12 string: skipped, at their line in the editor", async () => {
    await chooseExample(s.page, "upgrade-source-ip-string");
    await s.page.waitForFunction(() =>
      document.getElementById("live-diagnostics")?.textContent?.includes("source_ip_expression"),
    );
    expect(await s.page.textContent("#live-diagnostics")).toContain("3:");
    expect(await texts("#attempts .src")).toEqual([
      "from OS chooses (unbound)",
      "from OS chooses (unbound)",
    ]);
  });

  it("a stale local_ip: the second attempt's connection was chosen by the first one's address", async () => {
    await chooseExample(s.page, "upgrade-stale-local-ip");
    const via = await texts("#attempts .via");
    expect(via[0]).toMatch(
      /^connection 'a' \(the else branch, local_ip 0\.0\.0\.0\) · EHLO a\.example\.org/,
    );
    expect(via[1]).toMatch(
      /^connection 'b' \(branch 1 \(if local_ip == '192\.0\.2\.10'\), local_ip 192\.0\.2\.10\) · EHLO b\.example\.org/,
    );
  });
});

describe("v0.16 in Monaco's JSON mode", () => {
  it("validation and completion come from the registry's JSON Schema", async () => {
    await thenRead(() => chooseExample(s.page, "v016-objects"));
    expect(await chosen()).toBe("v0.16");
    await s.page.waitForSelector("#editor[data-language='json'][data-json-check='v0.16-schema']");
    expect(await s.page.textContent("#config-format")).toBe("(v0.16 JSON)");
    // A field of the wrong type: the schema's error, at the value.
    await paste(
      '[\n  { "@type": "Mx", "name": "mx", "maxMxHosts": "five" },\n  { "@type": "Relay",  }\n]\n',
    );
    await s.page.waitForSelector("#editor .squiggly-error", { state: "attached" });
    await s.page
      .locator("#editor .view-line span span", { hasText: /^"five"$/ })
      .first()
      .hover();
    const hover = s.page.locator(".monaco-hover", { hasText: "Incorrect type" });
    await hover.first().waitFor({ timeout: 10_000 });
    expect(await hover.first().textContent()).toContain("integer");
    // Completion inside the relay object offers the Relay variant's fields.
    await s.page.click("#editor .view-line >> nth=2");
    await s.page.keyboard.press("End");
    await s.page.keyboard.press("ArrowLeft");
    await s.page.keyboard.press("ArrowLeft");
    const labels = await suggestions();
    expect(labels).toEqual(
      expect.arrayContaining(["address", "port", "implicitTls", "authSecret"]),
    );
    expect(labels).not.toContain("maxMxHosts");
    await screenshot(s.page, "versions-v016-json");
  });

  it("an NDJSON snapshot is read line by line by the core, not as one JSON document, and it runs", async () => {
    await thenRead(() => chooseExample(s.page, "v016-snapshot"));
    expect(await s.page.textContent("#config-format")).toBe("(v0.16 NDJSON)");
    // The JSON service checks nothing here (it would flag every line after the first as
    // "End of file expected"); the core reads the lines, and finds no error in them.
    await s.page.waitForSelector("#editor[data-language='json'][data-json-check='off']");
    expect(await texts("#live-diagnostics .sev-error")).toEqual([]);
    expect(await texts("#attempts .via")).toEqual([
      expect.stringContaining("EHLO mail6.example.org from the source address's own name"),
      expect.stringContaining("EHLO mail.example.org from the connection's ehlo-hostname"),
    ]);
  });
});

describe("v0.13 keys in the TOML editor", () => {
  it("completes a route table's keys and a selector's own variables", async () => {
    await chooseExample(s.page, "v013-relay-route");
    await thenRead(() => paste('[queue.strategy]\nroute = ""\n\n[queue.route.relay]\n'));
    expect(await chosen()).toBe("v0.13");
    await s.page.waitForSelector("#editor[data-language='stalwart-toml']");
    await s.page.click("#editor .view-line >> nth=4");
    const keys = await suggestions();
    expect(keys).toEqual(expect.arrayContaining(["type", "address", "tls.implicit", "ip-lookup"]));
    expect(keys).not.toContain("ip-strategy");
    // Inside the route selector: the recipient variables (RCPT), not the host ones.
    await s.page.click("#editor .view-line >> nth=1");
    await s.page.keyboard.press("End");
    await s.page.keyboard.press("ArrowLeft");
    const vars = await suggestions();
    expect(vars).toEqual(expect.arrayContaining(["rcpt_domain", "queue_name"]));
    expect(vars).not.toContain("remote_ip");
  });

  it("hovering a v0.13 key explains it, with its default and docs link", async () => {
    await thenRead(() =>
      paste('[queue.route.relay]\ntype = "relay"\naddress = "smtp.example.org"\n'),
    );
    expect(await chosen()).toBe("v0.13");
    const token = s.page.locator("#editor .view-line span span", { hasText: /^address$/ }).first();
    await token.hover();
    const hover = s.page.locator(".monaco-hover", { hasText: "relay routes" });
    await hover.first().waitFor({ timeout: 10_000 });
    expect(await hover.first().textContent()).toContain("queue.route.<id>.address");
    expect(await hover.first().locator("a").first().getAttribute("data-href")).toMatch(
      /^https:\/\/stalw\.art\/docs\/0\.15\/mta\/outbound\/routing/,
    );
  });
});

describe("accessibility and layout of the new views", () => {
  it("axe: no serious or critical violation with a v0.13 result and the picker", async () => {
    await chooseExample(s.page, "upgrade-stale-local-ip");
    expect(await seriousViolations(s.page)).toEqual([]);
    await chooseExample(s.page, "v016-snapshot");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it.each(VIEWPORTS)("CLS ≤ 0.05 loading a v0.16 snapshot link (%s)", async (_, size) => {
    const state = exampleById("v016-snapshot");
    await steadyLoad(state, size, [
      "#model-chosen[data-model='v0.16']",
      "#editor[data-language='json']",
    ]);
  });
});
