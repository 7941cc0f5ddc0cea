/** Every example of the menu runs offline against the real Worker and explains itself. */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { EXAMPLES } from "../../web/src/examples";
import { openSession, type Session, screenshot, waitForMonaco, waitForRun } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openSession();
  await s.page.goto(inject("baseUrl"));
  await waitForRun(s.page);
  await waitForMonaco(s.page);
});
afterAll(async () => {
  await s?.close();
});

it.each(EXAMPLES.map((e) => [e.id, e] as const))("example %s runs offline", async (id, ex) => {
  const before = Number((await s.page.getAttribute("#result-panel", "data-run")) ?? 0);
  await s.page.selectOption("#examples", id);
  await waitForRun(s.page, before);
  // A result, not an API error; either attempts or a stated outcome.
  expect(await s.page.locator("#result-panel .outcome[role='alert']").allTextContents()).toEqual(
    [],
  );
  expect(await s.page.locator("#attempts").count()).toBe(1);
  expect(await s.page.locator("#example-note").textContent()).toBe(ex.note);
  // Every lookup was answered by a what-if record (nothing needed the network).
  const froms = await s.page.$$eval("#dns-trace td .badge", (els) => els.map((e) => e.textContent));
  expect(froms.every((f) => f === "what-if" || f === "none" || f === "cache")).toBe(true);
  await screenshot(s.page, `example-${id}`);
});

it("completion inside ip-strategy offers its variables and constants only", async () => {
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Delete");
  await s.page.keyboard.type('[queue.outbound]\nip-strategy = "');
  await s.page.keyboard.press("Control+Space");
  await s.page.waitForSelector(".suggest-widget .monaco-list-row");
  const labels = await s.page.$$eval(".suggest-widget .monaco-list-row", (els) =>
    els.map((e) => e.getAttribute("aria-label") ?? ""),
  );
  expect(labels.some((l) => l.startsWith("ipv6_only"))).toBe(true);
  expect(labels.some((l) => l.startsWith("retry_num"))).toBe(true);
  await screenshot(s.page, "10-completion");
  await s.page.keyboard.type("rcpt");
  // The list has been filtered by what was typed once "retry_num" is gone from it (it
  // does not match "rcpt"): the event that proves the filter ran, then what it kept.
  await s.page.waitForFunction(() =>
    [...document.querySelectorAll(".suggest-widget .monaco-list-row")].every(
      (e) => !(e.getAttribute("aria-label") ?? "").startsWith("retry_num"),
    ),
  );
  const after = await s.page.$$eval(".suggest-widget .monaco-list-row", (els) =>
    els.map((e) => e.getAttribute("aria-label") ?? ""),
  );
  expect(after.some((l) => l.startsWith("rcpt_domain"))).toBe(false);
  await s.page.keyboard.press("Escape");
});

it("hovering a variable not allowed at the key says so", async () => {
  await s.page.selectOption("#examples", "mistake-rcpt-domain");
  await s.page.waitForSelector("#editor .squiggly-error");
  const token = s.page.locator("#editor .view-line span", { hasText: "rcpt_domain" }).first();
  await token.hover();
  const hover = s.page.locator(".monaco-hover", { hasText: "not allowed" });
  await hover.first().waitFor({ timeout: 10_000 });
  expect(await hover.first().textContent()).toContain("queue.outbound.ip-strategy");
  expect(await s.page.locator("#result-summary").textContent()).toContain(
    "built-in default: your setting has an error",
  );
  await screenshot(s.page, "11-hover");
});
