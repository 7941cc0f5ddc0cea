/**
 * Issue 17, item 7: axe-core finds no serious or critical violation in light, dark and at
 * 360 px; the layout does not shift on load (CLS ≤ 0.05, desktop and mobile); a new result
 * is announced; removing a what-if row keeps the focus in the rows; the theme toggle
 * overrides the OS and is remembered.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  layoutShift,
  openPlayground,
  type Session,
  seriousViolations,
  waitForMonaco,
  waitForRun,
} from "./browser";

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function loaded(opts: Parameters<typeof openPlayground>[1]): Promise<Session> {
  s = await openPlayground(inject("baseUrl"), opts);
  return s;
}

describe("axe-core", () => {
  it.each([
    ["light, 1360 px", { dark: false }],
    ["dark, 1360 px", { dark: true }],
    ["light, 360 px", { width: 360, height: 780 }],
  ] as const)("no serious or critical violation: %s", async (_, opts) => {
    const { page } = await loaded(opts);
    expect(await seriousViolations(page)).toEqual([]);
    // The other views too: the timeline and the console.
    await page.click("#tab-btn-timeline");
    await page.waitForSelector("#timeline [data-retry='1']");
    await page.click("#tab-btn-console");
    await page.click("#console-run");
    await page.waitForSelector("#console-out[data-value]");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the check itself reports a violation when there is one (an input without a label)", async () => {
    const { page } = await loaded({});
    await page.evaluate(() => document.body.append(document.createElement("input")));
    expect((await seriousViolations(page)).map((v) => v.id)).toContain("label");
  });
});

describe("layout shift", () => {
  it.each([
    ["desktop", { width: 1360, height: 900 }],
    ["mobile", { width: 360, height: 780 }],
  ] as const)("CLS ≤ 0.05 from navigation to the first result (%s)", async (_, opts) => {
    const { page } = await loaded(opts);
    // The lint's list under the editor is the last thing a load draws.
    await page.waitForSelector("#live-diagnostics[data-linted]", { state: "attached" });
    expect(await layoutShift(page)).toBeLessThanOrEqual(0.05);
  });
});

describe("announcements and focus", () => {
  it("a live region announces each new result in a sentence", async () => {
    const { page } = await loaded({});
    const live = page.locator("#announce");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    expect(await live.textContent()).toContain("strategy ipv6_only");
    const runs = Number(await page.getAttribute("#result-panel", "data-run"));
    await page.fill("#ctx-retry_num", "1");
    await page.click("#run");
    await waitForRun(page, runs);
    expect(await live.textContent()).toMatch(/computed in your browser.*strategy ipv4_only/);
  });

  it("removing a what-if row moves the focus to the row that took its place, never <body>", async () => {
    const { page } = await loaded({});
    const rows = () => page.locator("#whatif-rows .whatif-row").count();
    const before = await rows();
    await page.click("[aria-label='remove record 1']");
    expect(await rows()).toBe(before - 1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "remove record 1",
    );
    // The last one: the focus goes to the row before it.
    await page.click(`[aria-label='remove record ${before - 1}']`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      `remove record ${before - 2}`,
    );
  });

  it("the theme toggle overrides the OS, is remembered, and the editor follows", async () => {
    const { page } = await loaded({ dark: false });
    const editorDark = () =>
      page.$eval("#editor .monaco-editor", (el) => el.classList.contains("vs-dark"));
    expect(await editorDark()).toBe(false);
    await page.click("#theme");
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    await expect.poll(editorDark).toBe(true);
    const background = await page.$eval("body", (el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe("rgb(15, 18, 23)");
    await page.reload();
    await waitForMonaco(page);
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    expect(await editorDark()).toBe(true);
  });
});
