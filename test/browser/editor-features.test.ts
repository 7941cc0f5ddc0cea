/**
 * Editor features the other browser tests do not reach, each through the keys or clicks a
 * user would use: marker navigation (F8, whose widget is a peek view and whose services
 * web/src/editor/late-services.ts registers before their code arrives), find, word
 * highlight, folding, copy and paste through the clipboard (Monaco's clipboard
 * contribution), and F1 (the command palette, which is not bundled: nothing may fail).
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openSession, type Session, waitForMonaco, waitForRun } from "./browser";

let s: Session;
/**
 * Console errors: Monaco reports a contribution or service that fails to construct there
 * (onUnexpectedError), not as a page error, and the feature is then silently missing.
 */
const consoleErrors: string[] = [];
beforeAll(async () => {
  s = await openSession();
  s.page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await s.page.goto(inject("baseUrl"));
  await waitForRun(s.page);
  await waitForMonaco(s.page);
});
afterAll(async () => {
  await s?.close();
});

/** Puts the caret on the first line of the editor, with the focus. */
async function caretAtTop(): Promise<void> {
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+Home");
}

it("F8 opens the marker navigation widget on the next problem", async () => {
  await s.page.selectOption("#examples", "mistake-rcpt-domain");
  await s.page.waitForSelector("#editor .squiggly-error");
  await caretAtTop();
  await s.page.keyboard.press("F8");
  const widget = s.page.locator("#editor .peekview-widget", { hasText: "1 of 2 problems" });
  await widget.first().waitFor({ timeout: 10_000 });
  expect(await widget.first().locator(".marker-widget").textContent()).toContain(
    'Invalid variable or constant "rcpt_domain"',
  );
  await s.page.keyboard.press("Escape");
  await s.page.locator("#editor .peekview-widget").first().waitFor({ state: "detached" });
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

it("Ctrl+F finds every occurrence", async () => {
  await caretAtTop();
  await s.page.keyboard.press("Control+F");
  await s.page.waitForSelector("#editor .find-widget.visible");
  await s.page.keyboard.type("ip-strategy");
  const count = s.page.locator("#editor .find-widget .matchesCount");
  await expect.poll(() => count.textContent()).toMatch(/^1 of [1-9]/);
  await s.page.keyboard.press("Escape");
  await s.page.waitForSelector("#editor .find-widget.visible", { state: "detached" });
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

/** A config with a variable used twice and a block indented under its key. */
const CONFIG = `[queue.outbound]
ip-strategy = [ { if = "retry_num > 1", then = "ipv6_only" },
                { if = "retry_num > 2", then = "ipv4_only" },
                { else = "ipv4_then_ipv6" } ]
`;

async function replaceText(text: string): Promise<void> {
  await caretAtTop();
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.insertText(text);
  await expect
    .poll(async () => (await s.page.locator("#editor .view-lines").textContent())?.length)
    .toBeGreaterThan(text.length / 2);
}

it("the word under the caret is highlighted where else it occurs", async () => {
  await replaceText(CONFIG);
  await s.page.locator("#editor .view-line span", { hasText: "retry_num" }).first().click();
  await s.page.waitForSelector("#editor .wordHighlightText", { timeout: 10_000 });
  expect(await s.page.locator("#editor .wordHighlightText").count()).toBeGreaterThanOrEqual(2);
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

it("folding the indented block under a key hides it and unfolding shows it", async () => {
  await replaceText(CONFIG);
  await s.page.locator("#editor .view-line span", { hasText: "ip-strategy" }).first().click();
  // Monaco draws spaces as no-break spaces.
  const shown = async () =>
    ((await s.page.locator("#editor .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
  expect(await shown()).toContain("retry_num > 2");
  await s.page.keyboard.press("Control+Shift+BracketLeft");
  await expect.poll(shown).not.toContain("retry_num > 2");
  expect(await shown()).toContain("ip-strategy");
  await s.page.keyboard.press("Control+Shift+BracketRight");
  await expect.poll(shown).toContain("retry_num > 2");
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

it("copy and paste through the clipboard, and F1, work without an error", async () => {
  await replaceText(CONFIG);
  await caretAtTop();
  await s.page.keyboard.press("Shift+End");
  await s.page.keyboard.press("Control+C");
  await s.page.keyboard.press("Control+End");
  await s.page.keyboard.insertText("\n# ");
  await s.page.keyboard.press("Control+V");
  const text = async () =>
    ((await s.page.locator("#editor .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
  await expect.poll(text).toContain("# [queue.outbound]");
  await s.page.keyboard.press("F1");
  await s.page.keyboard.press("Escape");
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
