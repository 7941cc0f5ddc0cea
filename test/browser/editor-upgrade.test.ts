/**
 * The editor's life on the page: the plain textarea works until Monaco has loaded, and
 * what was typed there carries over (text, focus, caret); the branch highlight belongs to
 * the result, so an edit removes it until the next Run.
 */
import type { Route } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openSession, type Session, waitForRun } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

/**
 * Holds every request matching `pattern` until `release()`, which lets them through and,
 * once they are, stops holding (called again in `finally`, so a failed test leaves no
 * route behind). Unrouting while a held request is still in its handler would make
 * Playwright continue it a second time.
 */
async function hold(pattern: RegExp): Promise<() => Promise<void>> {
  let open: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    open = resolve;
  });
  const handled: Promise<void>[] = [];
  await s.page.route(pattern, (route: Route) => {
    const done = held.then(() => route.continue());
    handled.push(done);
    return done;
  });
  return async () => {
    open();
    await Promise.all(handled);
    await s.page.unroute(pattern);
  };
}

it("the branch highlight goes with an edit (its result is stale) and comes back with Run", async () => {
  await s.page.goto(inject("baseUrl"));
  await s.page.waitForSelector("#editor[data-ready] .monaco-editor .view-lines");
  await waitForRun(s.page);
  await s.page.waitForSelector("#editor .view-line .branch-hl");
  const highlightedText = () =>
    s.page.$$eval("#editor .view-line .branch-hl", (els) =>
      els.map((e) => e.textContent ?? "").join(""),
    );
  const before = await highlightedText();
  expect(before).toContain("ipv6_only");
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+Home");
  await s.page.keyboard.type("# typed\n");
  await s.page.waitForSelector("#editor .branch-hl", { state: "detached" });
  const runs = Number(await s.page.getAttribute("#result-panel", "data-run"));
  await s.page.keyboard.press("Control+Enter");
  await waitForRun(s.page, runs);
  // The same text, on the line it moved to.
  await s.page.waitForSelector("#editor .view-line .branch-hl");
  expect(await highlightedText()).toBe(before);
  expect(s.problems).toEqual([]);
});

/** Monaco's own entry chunk (monaco-<hash>.js), not its layers' chunks. */
const MONACO_ENTRY = /\/assets\/monaco-[A-Za-z0-9_-]{8}\.js$/;

it("keeps the focus and caret of the plain textarea when Monaco replaces it", async () => {
  // Hold Monaco's own entry chunk back while the user types into the fallback textarea.
  const release = await hold(MONACO_ENTRY);
  try {
    await s.page.goto(inject("baseUrl"));
    await s.page.click("#editor-fallback");
    await s.page.keyboard.press("Control+Home");
    await s.page.keyboard.type("abc");
    await release();
    await s.page.waitForSelector("#editor[data-ready] .monaco-editor .view-lines");
    // Typing goes on where it was, in the editor, without clicking into it.
    await s.page.keyboard.type("X");
    // Polled, as above: the edit is drawn on Monaco's next animation frame.
    await expect
      .poll(() => s.page.locator("#editor .view-line >> nth=0").textContent())
      .toMatch(/^abcX/);
  } finally {
    await release();
  }
});
