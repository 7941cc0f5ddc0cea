/**
 * Issue 17, item 6: the embed kit inside a documentation page of another origin (a tiny
 * node:http server on another port serving a page with the README's `<iframe>`): compact,
 * with the result in view in 760×480; its options; Copy link gives the full playground
 * URL and Copy embed code the `<iframe>` to paste.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { embedCode } from "../../web/src/embed-options";
import { decodeState, encodeState } from "../../web/src/state/codec";
import { defaultState } from "../../web/src/state/types";
import { openSession, type Session } from "./browser";

let s: Session;
let docs: Server;
let docsOrigin = "";
/** The page each test puts in the iframe (the docs site serves it at /). */
let iframeHtml = "";

beforeAll(async () => {
  docs = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="en"><title>Docs</title><h1>Docs page</h1>${iframeHtml}</html>`,
    );
  });
  await new Promise<void>((resolve) => docs.listen(0, "127.0.0.1", resolve));
  docsOrigin = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
  // Clipboard permission is the docs page's to grant (allow="clipboard-write"); the
  // README's snippet does not, so Copy falls back to a box to copy from.
  s = await openSession({ width: 900, height: 700 });
});
afterAll(async () => {
  await s?.close();
  await new Promise((resolve) => docs.close(resolve));
});

/** Loads the docs page with `src` in an iframe of 760×480; resolves once it has a result. */
async function embedded(src: string): Promise<Frame> {
  iframeHtml = `<iframe src="${src}" width="760" height="480" title="Playground"></iframe>`;
  await s.page.goto(docsOrigin);
  const frame = s.page.frames().find((f) => f !== s.page.mainFrame());
  if (!frame) throw new Error("no iframe");
  await frame.waitForFunction(
    () => Number(document.getElementById("result-panel")?.dataset.run ?? 0) > 0,
  );
  return frame;
}

it("the README's snippet shows the config and the result side by side, result in view", async () => {
  const fragment = await encodeState(defaultState());
  // The very snippet "Copy embed code" gives (README, "Embedding").
  iframeHtml = embedCode(inject("baseUrl"), "", fragment);
  expect(iframeHtml).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed#v1\./);
  const frame = await embedded(`${inject("baseUrl")}/embed${fragment}`);
  expect(new URL(frame.url()).origin).not.toBe(docsOrigin);
  expect(await frame.evaluate(() => document.body.classList.contains("embed"))).toBe(true);
  // In the iframe's own 760×480 viewport, without scrolling.
  const bottom = await frame.$eval("#attempts", (el) => el.getBoundingClientRect().bottom);
  expect(bottom).toBeGreaterThan(0);
  expect(bottom).toBeLessThanOrEqual(480);
  expect(await frame.isVisible("#context-panel")).toBe(false);
  expect(await frame.isVisible("#tab-btn-console")).toBe(false);
});

it("Copy link gives the full playground URL, Copy embed code the iframe", async () => {
  const fragment = await encodeState(defaultState());
  const frame = await embedded(`${inject("baseUrl")}/embed${fragment}`);
  // No clipboard in a cross-origin frame without allow="clipboard-write": a box to copy from.
  await frame.click("#copy-link");
  const link = new URL(await frame.inputValue("#banner textarea[aria-label='Link']"));
  expect(`${link.origin}${link.pathname}`).toBe(`${inject("baseUrl")}/`);
  const shared = await decodeState(link.hash);
  expect(shared.ok && shared.state).toEqual(defaultState());
  await frame.click("#copy-embed");
  const code = await frame.inputValue("#banner textarea[aria-label='Embed code']");
  expect(code).toContain(`src="${inject("baseUrl")}/embed${link.hash}"`);
  expect(code).toMatch(/^<iframe .*><\/iframe>$/);
});

it("options in the query and the fragment: panels, tab, read-only, height, theme", async () => {
  const fragment = await encodeState(defaultState());
  const frame = await embedded(
    `${inject("baseUrl")}/embed?panels=config,whatif,timeline&readonly${fragment}&tab=timeline&theme=dark&height=160`,
  );
  expect(await frame.getAttribute("html", "data-theme")).toBe("dark");
  expect(await frame.isVisible("#whatif-panel")).toBe(true);
  expect(await frame.isVisible("#tab-btn-result")).toBe(false);
  await frame.waitForSelector("#timeline-panel[data-drawn='true'] #timeline [data-retry='1']");
  expect(await frame.isDisabled("[aria-label='record 1 name']")).toBe(true);
  expect((await frame.locator("#editor").boundingBox())?.height).toBe(160);
  // Read-only down to the editor's own text area.
  await frame.waitForSelector("#editor[data-ready] .monaco-editor textarea[readonly]");
  // The fragment keeps its options when the state is written back.
  expect(new URL(frame.url()).hash).toMatch(/&tab=timeline&theme=dark&height=160$/);
});
