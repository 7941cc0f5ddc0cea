/**
 * Debian Chromium driven by playwright-core (flags from DEVELOPERS.md), fresh profile per
 * launch, plus helpers shared by the browser tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../support/chromium";

export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "screenshots");

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** CSP violations and uncaught page errors seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openSession(
  opts: { width?: number; height?: number; dark?: boolean } = {},
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "playground-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 },
    colorScheme: opts.dark ? "dark" : "light",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`csp: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until a Run has drawn its result (the result panel carries the run number). */
export async function waitForRun(page: Page, after = 0): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.getElementById("result-panel")?.dataset.run ?? 0) > n,
    after,
  );
}

/**
 * Waits for the whole editor: mounted (data-ready, what the bench times) and with its
 * contributions (completion, hover, find...; data-complete), which arrive just after.
 */
export async function waitForMonaco(page: Page): Promise<void> {
  await page.waitForSelector("#editor[data-ready][data-complete] .monaco-editor .view-lines", {
    timeout: 30_000,
  });
}
