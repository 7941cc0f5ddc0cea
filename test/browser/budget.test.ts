/**
 * Size budget: what the page loads before the editor is ready stays ≤ 1.2 MB gzip. This
 * counts more than that (everything loaded by the time the editor is up and the first
 * Run is drawn), so it is the stricter bound; bench/page.ts measures the bytes up to the
 * ready moment itself. Bytes are measured on the built files (deterministic), not timed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openSession, type Session, waitForMonaco, waitForRun } from "./browser";

const DIST = join(import.meta.dirname, "..", "..", "dist", "web");
let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

it("loads ≤ 1.2 MB gzip up to the editor and the first Run, Monaco in its own chunks", async () => {
  await s.page.goto(inject("baseUrl"));
  await waitForMonaco(s.page);
  await waitForRun(s.page);
  const paths = await s.page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.startsWith("/assets/")),
  );
  const files = ["/index.html", ...new Set(paths)];
  const gz = files.map((p) => gzipSync(readFileSync(join(DIST, p))).length);
  const total = gz.reduce((a, b) => a + b, 0);
  expect(total).toBeLessThanOrEqual(1.2 * 1024 * 1024);
  // The entry script does not contain Monaco: it arrives through the dynamic import.
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1] ?? "";
  expect(entry).not.toBe("");
  const marker = "editor.action.triggerSuggest";
  expect(readFileSync(join(DIST, entry), "utf8")).not.toContain(marker);
  // Monaco comes in several chunks (web/vite.config.ts splits it by layer); one has it.
  const monacoChunks = paths.filter((p) => /\/assets\/monaco-[^/]+\.js$/.test(p));
  expect(monacoChunks.length).toBeGreaterThan(0);
  const withMarker = monacoChunks.filter((p) =>
    readFileSync(join(DIST, p), "utf8").includes(marker),
  );
  expect(withMarker).toHaveLength(1);
  expect(gzipSync(readFileSync(join(DIST, entry))).length).toBeLessThan(100 * 1024);
});
