/**
 * Monaco mounts before its contributions (completion, hover, find...) arrive, then the
 * editor is re-created around the same model (web/src/editor/monaco.ts). What the user
 * did in between must survive it: text, undo, cursor, focus, the branch highlight.
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

it("keeps what was typed before the contributions arrived, and then has them all", async () => {
  // Hold the contributions chunk back until the user has typed.
  const release = await hold(/\/assets\/monaco-contributions-[^/]+\.js$/);
  try {
    await s.page.goto(inject("baseUrl"));
    await s.page.waitForSelector("#editor[data-ready] .monaco-editor .view-lines");
    await waitForRun(s.page);
    await s.page.waitForSelector("#editor .view-line .branch-hl");
    expect(await s.page.getAttribute("#editor", "data-complete")).toBeNull();
    const highlightedText = () =>
      s.page.$$eval("#editor .view-line .branch-hl", (els) =>
        els.map((e) => e.textContent ?? "").join(""),
      );
    const highlightBefore = await highlightedText();
    expect(highlightBefore).toContain("ipv6_only");

    await s.page.click("#editor .view-line >> nth=0");
    await s.page.keyboard.press("Control+Home");
    await s.page.keyboard.type("# typed early\n");
    await release();
    await s.page.waitForSelector("#editor[data-complete] .monaco-editor .view-lines");

    // One editor, same text, focus and cursor kept.
    expect(await s.page.locator("#editor .monaco-editor").count()).toBe(1);
    // Monaco draws spaces as no-break spaces.
    const read = async (selector: string) =>
      ((await s.page.locator(selector).textContent()) ?? "").replace(/\u00a0/g, " ");
    expect(await read("#editor .view-line >> nth=0")).toContain("# typed early");
    // The edit made the result stale, and the branch highlight (part of that result) went;
    // the next Run brings it back on the same text, on the line it moved to.
    expect(await s.page.locator("#editor .branch-hl").count()).toBe(0);
    const runs = Number(await s.page.getAttribute("#result-panel", "data-run"));
    await s.page.keyboard.press("Control+Enter");
    await waitForRun(s.page, runs);
    await s.page.waitForSelector("#editor .view-line .branch-hl");
    expect(await highlightedText()).toBe(highlightBefore);
    await s.page.keyboard.type("!");
    // Polled: Monaco draws the edit on its next animation frame, which a loaded machine
    // delays past the keystroke's return.
    await expect
      .poll(() => s.page.locator("#editor .view-line >> nth=1").textContent())
      .toMatch(/^!/);
    // The undo stack is the model's: the edits from before the re-creation can be undone.
    const text = () => read("#editor .view-lines");
    for (let i = 0; i < 10 && (await text()).includes("typed early"); i++)
      await s.page.keyboard.press("Control+Z");
    expect(await text()).not.toContain("typed early");
    expect(await text()).toContain("ip-strategy");

    // The contributions work: completion (with the suggest widget's theme colour defined).
    await s.page.keyboard.press("Control+A");
    await s.page.keyboard.press("Delete");
    await s.page.keyboard.type('[queue.outbound]\nip-strategy = "');
    await s.page.keyboard.press("Control+Space");
    await s.page.waitForSelector(".suggest-widget .monaco-list-row");
    const background = await s.page.$eval(".suggest-widget", (el) =>
      getComputedStyle(el).getPropertyValue("--vscode-editorSuggestWidget-background").trim(),
    );
    expect(background).not.toBe("");
    await s.page.keyboard.press("Escape");
    expect(s.problems).toEqual([]);
  } finally {
    await release();
  }
});

/** Monaco's own entry chunk (monaco-<hash>.js), not its layers' or contributions' chunks. */
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
