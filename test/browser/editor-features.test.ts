/**
 * Editor features (web/src/editor/monaco-features.ts), each through the keys or clicks a
 * user would use: marker navigation (F8), find, word highlight, folding, copy and paste
 * (the browser's clipboard events, which Monaco's core editor handles), Enter after a
 * string, value completion per key, the docs link of a setting's hover.
 */
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { openSession, type Session, waitForMonaco, waitForRun } from "./browser";

let s: Session;
/**
 * Every console error, not only the CSP ones `s.problems` keeps: Monaco logs some failures
 * (a language feature provider that throws, a worker that cannot start) with
 * console.error and goes on without the feature. One that fails to construct is
 * re-thrown by onUnexpectedError from a timer and arrives in `s.problems` as a page error.
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
// Each feature works without a page error or a console error (checked after every test).
afterEach(() => {
  expect(s.problems).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

/** The editor's visible text (Monaco draws spaces as no-break spaces). */
async function shownText(): Promise<string> {
  return ((await s.page.locator("#editor .view-lines").textContent()) ?? "").replace(
    /\u00a0/g,
    " ",
  );
}

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
});

it("Ctrl+F finds every occurrence", async () => {
  await replaceText(CONFIG);
  await caretAtTop();
  await s.page.keyboard.press("Control+F");
  await s.page.waitForSelector("#editor .find-widget.visible");
  await s.page.keyboard.type("retry_num");
  const count = s.page.locator("#editor .find-widget .matchesCount");
  await expect.poll(() => count.textContent()).toBe(`1 of ${CONFIG.split("retry_num").length - 1}`);
  await s.page.keyboard.press("Escape");
  await s.page.waitForSelector("#editor .find-widget.visible", { state: "detached" });
});

/** A config with a variable used twice and a block indented under its key. */
const CONFIG = `[queue.outbound]
ip-strategy = [ { if = "retry_num > 1", then = "ipv6_only" },
                { if = "retry_num > 2", then = "ipv4_only" },
                { else = "ipv4_then_ipv6" } ]
`;

/** Replaces the text by pasting it (typed, brackets and quotes would be auto-closed). */
async function replaceText(text: string): Promise<void> {
  await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await caretAtTop();
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Control+V");
  // Until the new text is drawn: its last line, which the example before it lacks.
  const last = text.trimEnd().split("\n").at(-1)?.trim() ?? "";
  await expect.poll(shownText).toContain(last);
}

it("the word under the caret is highlighted where else it occurs", async () => {
  await replaceText(CONFIG);
  await s.page.locator("#editor .view-line span", { hasText: "retry_num" }).first().click();
  await s.page.waitForSelector("#editor .wordHighlightText", { timeout: 10_000 });
  expect(await s.page.locator("#editor .wordHighlightText").count()).toBeGreaterThanOrEqual(2);
});

it("folding the indented block under a key hides it and unfolding shows it", async () => {
  await replaceText(CONFIG);
  await s.page.locator("#editor .view-line span", { hasText: "ip-strategy" }).first().click();
  expect(await shownText()).toContain("retry_num > 2");
  await s.page.keyboard.press("Control+Shift+BracketLeft");
  await expect.poll(shownText).not.toContain("retry_num > 2");
  expect(await shownText()).toContain("ip-strategy");
  await s.page.keyboard.press("Control+Shift+BracketRight");
  await expect.poll(shownText).toContain("retry_num > 2");
});

it("copy and paste through the clipboard put the copied line where the caret is", async () => {
  await replaceText(CONFIG);
  await caretAtTop();
  await s.page.keyboard.press("Shift+End");
  await s.page.keyboard.press("Control+C");
  await s.page.keyboard.press("Control+End");
  await s.page.keyboard.insertText("\n# ");
  await s.page.keyboard.press("Control+V");
  await expect.poll(shownText).toContain("# [queue.outbound]");
});

/** The suggest widget's rows, as their text (label and detail; empty when it is closed). */
async function suggestions(): Promise<string[]> {
  return s.page.$$eval(".suggest-widget.visible .monaco-list-row", (els) =>
    els.map((e) => e.textContent ?? ""),
  );
}

it("Enter after a closed string is a new line, not a completion", async () => {
  await replaceText("[queue.outbound]\n");
  await s.page.keyboard.press("Control+End");
  await s.page.keyboard.type('ip-strategy = "ipv6_only');
  // The auto-closed quote is typed over; then Enter.
  await s.page.keyboard.type('"');
  await s.page.keyboard.press("Enter");
  await s.page.keyboard.type("# next");
  await expect.poll(shownText).toContain("# next");
  expect(await shownText()).toContain('ip-strategy = "ipv6_only"');
  expect(await shownText()).not.toContain('"ipv6_only""');
});

it("value completion offers what goes at that key: address lists at source-ip.v4", async () => {
  await replaceText("[queue.outbound.source-ip]\nv6 = \"'2001:db8::a'\"\n");
  await s.page.keyboard.press("Control+End");
  await s.page.keyboard.type("v4 = ");
  await expect.poll(shownText).toContain("v4 =");
  await s.page.keyboard.press("Control+Space");
  await expect
    .poll(suggestions)
    .toContain(`"['192.0.2.10']"an expression string holding a list of addresses`);
  const rows = await suggestions();
  expect(rows.some((r) => r.includes("ipv4_only"))).toBe(false);
  await s.page.keyboard.press("Escape");
  await s.page.waitForSelector(".suggest-widget.visible", { state: "detached" });
});

it("hovering a setting links to its page of Stalwart's docs", async () => {
  await replaceText('[queue.outbound]\nip-strategy = "ipv4_only"\n');
  // The key's own token (not the line's span, whose middle is the value).
  await s.page
    .locator("#editor .view-line span span", { hasText: /^ip-strategy$/ })
    .first()
    .hover();
  const link = s.page.locator(".monaco-hover a", { hasText: "Stalwart's docs" });
  await link.first().waitFor({ timeout: 10_000 });
  expect(await link.first().getAttribute("href")).toMatch(
    /^https:\/\/github\.com\/stalwartlabs\/website\/blob\/[0-9a-f]{40}\/docs\/mta\/outbound\/ip-strategy\.md$/,
  );
});
