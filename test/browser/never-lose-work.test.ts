/**
 * Issue 17, item 2: nothing typed is lost. The fragment follows the edits (debounced); a
 * reload right after typing keeps them (the draft saved on pagehide); a bare URL opens the
 * draft; an example or Reset can be undone from the banner, and Ctrl+Z in the editor
 * brings the replaced text back.
 */
import { afterEach, beforeEach, expect, inject, it } from "vitest";
import { openPlayground, type Session, waitForMonaco, waitForRun } from "./browser";

let s: Session;
beforeEach(async () => {
  s = await openPlayground(inject("baseUrl"));
});
afterEach(async () => {
  await s?.close();
});

/** The editor's text as Monaco draws it (spaces as no-break spaces). */
async function shownText(): Promise<string> {
  return ((await s.page.locator("#editor .view-lines").textContent()) ?? "").replace(
    /\u00a0/g,
    " ",
  );
}

async function typeAtTop(text: string): Promise<void> {
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+Home");
  await s.page.keyboard.type(text);
}

it("the fragment follows the edits as they are typed", async () => {
  const before = await s.page.evaluate(() => location.hash);
  await typeAtTop("# edited\n");
  await s.page.waitForFunction((h) => location.hash !== h, before);
  expect(await s.page.evaluate(() => location.hash)).toMatch(/^#v1\./);
});

it("a reload right after typing keeps the edit", async () => {
  await typeAtTop("# typed just before the reload\n");
  // No wait for the fragment: the reload comes before its debounced write.
  await s.page.reload();
  await waitForMonaco(s.page);
  await expect.poll(shownText).toContain("# typed just before the reload");
});

it("a bare URL opens the draft this browser kept, with a way back to the example", async () => {
  await typeAtTop("# my draft\n");
  await s.page.goto(`${inject("baseUrl")}/`);
  await waitForMonaco(s.page);
  await expect.poll(shownText).toContain("# my draft");
  expect(await s.page.textContent("#banner")).toContain("Restored the draft");
  await s.page.click("#drop-draft");
  await expect.poll(shownText).not.toContain("# my draft");
});

it("an example replaces the config with Undo in the banner and in the editor's own stack", async () => {
  await typeAtTop("# mine\n");
  const runs = Number(await s.page.getAttribute("#result-panel", "data-run"));
  await s.page.selectOption("#examples", "null-mx");
  await waitForRun(s.page, runs);
  expect(await shownText()).not.toContain("# mine");
  // The banner's Undo brings back the whole state (config, records, context).
  await s.page.click("#undo-load");
  await expect.poll(shownText).toContain("# mine");
  expect(await s.page.locator("#whatif-rows .whatif-row").count()).toBe(3);
  // And the editor's undo: an example again, then Ctrl+Z in the editor.
  await s.page.selectOption("#examples", "null-mx");
  await expect.poll(shownText).not.toContain("# mine");
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+Z");
  await expect.poll(shownText).toContain("# mine");
});

it("Reset goes back to the first example, and can be undone", async () => {
  await s.page.fill("#ctx-domain", "reset-me.example");
  await s.page.click("#reset");
  expect(await s.page.inputValue("#ctx-domain")).toBe("example.com");
  await s.page.click("#undo-load");
  expect(await s.page.inputValue("#ctx-domain")).toBe("reset-me.example");
});
