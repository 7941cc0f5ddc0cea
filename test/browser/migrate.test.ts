/**
 * Issue 15, Deliver 2: the Migrate view. The ≤ v0.12 config of the editor written as
 * v0.13 TOML, a v0.16 snapshot or v0.16 objects in a read-only editor, with Copy and
 * Download; the notes as markers in both configs and listed; both plans compared for
 * the current context and retry number; offline; share links carry the view and target.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { encodeState } from "../../web/src/state/codec";
import { defaultState } from "../../web/src/state/types";
import {
  chooseExample,
  exampleById,
  screenshot,
  seriousViolations,
  sharedPlayground,
  steadyLoad,
  VIEWPORTS,
} from "./browser";

const s = sharedPlayground();
const texts = s.texts;

/** The written config, as Copy gives it (the editor draws only the lines in view). */
async function written(): Promise<string> {
  await s.page.evaluate(() => {
    const b = document.getElementById("banner");
    if (b) b.hidden = true;
  });
  await s.page.click("#migrate-copy");
  await s.page.waitForSelector("#banner:has-text('Migrated config copied')");
  return s.page.evaluate(() => navigator.clipboard.readText());
}

/** Does `action`, then waits for the Migrate view to be drawn again. */
async function redrawn(action: () => Promise<unknown>): Promise<void> {
  await s.page.evaluate(() => {
    delete document.getElementById("migrate-panel")?.dataset.drawn;
  });
  await action();
  await s.page.waitForSelector("#migrate-panel[data-drawn='true']");
}

/** A ≤ v0.12 relay given by its IP: broken before v0.16 (looked up as a name), fine after. */
const RELAY_IP = `[queue.outbound]
next-hop = "'office'"

[remote.office]
address = "203.0.113.25"
port = 25
protocol = "smtp"
`;

describe("the Migrate view, offline", () => {
  it("writes v0.13 TOML with the notes in both configs, and compares both plans", async () => {
    await chooseExample(s.page, "source-ips");
    const attempted: string[] = [];
    await s.page.route("**/api/**", (route) => {
      attempted.push(new URL(route.request().url()).pathname);
      return route.abort("internetdisconnected");
    });
    try {
      await redrawn(() => s.page.click("#tab-btn-migrate"));
      await s.page.waitForSelector("#migrate-output[data-language='toml'] .view-line");
      const toml = await written();
      expect(toml).toContain("[queue.connection.default]");
      expect(toml).toContain(
        'source-ips = ["192.0.2.10", "192.0.2.11", "2001:db8::a", "2001:db8::b"]',
      );
      expect(await s.page.textContent("#migrate-status")).toBe("computed in your browser");
      const codes = await s.page.$$eval("#migrate-notes li", (els) =>
        els.map((e) => e.getAttribute("data-code")),
      );
      expect(codes).toEqual(
        expect.arrayContaining(["migrate_source_ip_per_attempt", "migrate_connection_discovery"]),
      );
      // A marker in the old config, at source-ip.v4 (the new config's: next test).
      await s.page.waitForSelector("#editor .squiggly-warning", { state: "attached" });
      expect(await s.page.getAttribute("#migrate-same", "data-same")).toBe("true");
      expect(await s.page.textContent("#migrate-same")).toContain(
        "The same delivery for example.com at retry_num 0",
      );
      expect(await texts("#migrate-after ol li")).toEqual(await texts("#migrate-before ol li"));
      expect(attempted).toEqual([]);
      await screenshot(s.page, "migrate-v013");
    } finally {
      await s.page.unrouteAll();
    }
  });

  it("a note's place in the new config is one click away, marked there", async () => {
    const button = s.page.locator(
      "#migrate-notes li[data-code='migrate_connection_discovery'] button",
      {
        hasText: "new config",
      },
    );
    const line = Number((await button.textContent())?.replace(/\D+/g, ""));
    await button.click();
    await s.page.waitForSelector("#migrate-output .monaco-editor.focused");
    const shown = await s.page.$$eval("#migrate-output .line-numbers", (els) =>
      els.map((e) => Number(e.textContent)),
    );
    expect(shown).toContain(line);
    await s.page.waitForSelector("#migrate-output .squiggly-warning", { state: "attached" });
  });

  it("Copy and Download give the written text; the v0.16 targets are JSON", async () => {
    await redrawn(() => s.page.selectOption("#migrate-target", "v0.16"));
    await s.page.waitForSelector("#migrate-output[data-language='json']");
    const copied = await written();
    expect(copied).toMatch(/^\{"@type":"upsert","object":"MtaRoute"/);
    // What the editor shows is what was copied.
    expect(await s.page.textContent("#migrate-output .view-line")).toContain('{"@type":"upsert"');
    expect(
      copied
        .trim()
        .split("\n")
        .every((l) => JSON.parse(l)["@type"]),
    ).toBe(true);
    await redrawn(() => s.page.selectOption("#migrate-target", "v0.16-objects"));
    const [download] = await Promise.all([
      s.page.waitForEvent("download"),
      s.page.click("#migrate-download"),
    ]);
    expect(download.suggestedFilename()).toBe("outbound-v0.16-objects.json");
    const objects = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(Object.keys(objects)).toEqual(
      expect.arrayContaining(["MtaRoute", "MtaConnectionStrategy", "MtaOutboundStrategy"]),
    );
    // The objects are not the text the notes point into: no marker there.
    expect(await s.page.locator("#migrate-output .squiggly-warning").count()).toBe(0);
    expect(await texts("#migrate-notes button")).not.toContain(
      expect.stringMatching(/^new config/),
    );
  });

  it("an edit marks the migration out of date and takes its markers out of the config", async () => {
    await s.page.fill("#ctx-retry_num", "1");
    await s.page.waitForSelector("#migrate-panel .stale-note");
    await s.page.waitForSelector("#editor .squiggly-warning", { state: "detached" });
  });
});

describe("what cannot be migrated", () => {
  it("a config already in the v0.13 form is refused, with its code and why", async () => {
    await chooseExample(s.page, "v013-relay-route");
    await s.page.waitForSelector("#migrate-panel[data-drawn='error']");
    expect(await s.page.textContent("#migrate-error")).toContain(
      "Only a Stalwart ≤ v0.12 config (queue.outbound.*, remote.*) can be migrated",
    );
    expect(await s.page.textContent("#migrate-error")).toContain("code: not_migratable");
  });
});

describe("a migration that changes delivery", () => {
  it("says what differs and which note explains it; a link opens on the same view and target", async () => {
    const state = defaultState();
    state.config = RELAY_IP;
    state.migrate = { output: "v0.16", shown: true };
    // Opened in this page (a new fragment): the view is drawn again for the new state.
    const link = `${inject("baseUrl")}/${await encodeState(state)}`;
    await redrawn(() => s.page.goto(link));
    expect(await s.page.getAttribute("#tab-btn-migrate", "aria-selected")).toBe("true");
    expect(await s.page.inputValue("#migrate-target")).toBe("v0.16");
    expect(await s.page.getAttribute("#migrate-same", "data-same")).toBe("false");
    const differences = await texts("#migrate-differences li");
    expect(differences[0]).toMatch(
      /^attempt order ≤ v0\.12 tries nothing; migrated tries 203\.0\.113\.25/,
    );
    expect(differences[0]).toContain("why: migrate_relay_ip_literal");
    await s.page.locator("#migrate-differences button").first().click();
    await expect
      .poll(() =>
        s.page.$eval("#migrate-notes li[data-code='migrate_relay_ip_literal']", (el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await screenshot(s.page, "migrate-differs");
  });

  it("axe: no serious or critical violation in the Migrate view", async () => {
    expect(await seriousViolations(s.page)).toEqual([]);
  });
});

describe("layout shift", () => {
  it.each(VIEWPORTS)(
    "CLS ≤ 0.05 loading a link that opens on the Migrate view (%s)",
    async (_, size) => {
      const state = exampleById("source-ips");
      state.migrate = { output: "v0.13", shown: true };
      await steadyLoad(state, size, [
        "#migrate-panel[data-drawn='true'] #migrate-output .view-line",
      ]);
    },
  );
});
