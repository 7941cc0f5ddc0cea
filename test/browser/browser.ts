/**
 * Debian Chromium driven by playwright-core (flags from DEVELOPERS.md), fresh profile per
 * launch, plus helpers shared by the browser tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
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
  await context.addInitScript({ content: WATCH_LAYOUT_SHIFT });
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

/**
 * Installed before any page script: the cumulative layout shift (CLS, as web-vitals counts
 * it: shifts without recent input, summed over the largest session window of shifts < 1 s
 * apart and ≤ 5 s long) in `window.__cls`.
 */
const WATCH_LAYOUT_SHIFT = `(() => {
  let best = 0, current = 0, first = 0, last = 0;
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      if (current > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) current += e.value;
      else { current = e.value; first = e.startTime; }
      last = e.startTime;
      best = Math.max(best, current);
      window.__cls = best;
    }
  }).observe({ type: "layout-shift", buffered: true });
})()`;

/** The page's layout shift so far (WATCH_LAYOUT_SHIFT). */
export async function layoutShift(page: Page): Promise<number> {
  return (await page.evaluate(() => (window as unknown as { __cls: number }).__cls)) ?? 0;
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. Injected through
 * the DevTools protocol (page.evaluate), which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))`)) as AxeViolation[];
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
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

/** A fresh session on the playground, loaded until Monaco is up and the first Run drawn. */
export async function openPlayground(
  baseUrl: string,
  opts: Parameters<typeof openSession>[0] = {},
): Promise<Session> {
  const s = await openSession(opts);
  await s.page.goto(baseUrl);
  await waitForMonaco(s.page);
  await waitForRun(s.page);
  return s;
}

const runCount = async (page: Page): Promise<number> =>
  Number((await page.getAttribute("#result-panel", "data-run")) ?? 0);

/** Picks an example from the menu and waits for its Run. */
export async function chooseExample(page: Page, id: string): Promise<void> {
  const before = await runCount(page);
  await page.selectOption("#examples", id);
  await waitForRun(page, before);
}

/** Clicks Run and waits until its result (or error) is drawn. */
export async function clickRun(page: Page): Promise<void> {
  const before = await runCount(page);
  await page.click("#run");
  await waitForRun(page, before);
}

/** Waits for Monaco, mounted with every feature (data-ready, the moment the bench times). */
export async function waitForMonaco(page: Page): Promise<void> {
  await page.waitForSelector("#editor[data-ready] .monaco-editor .view-lines", {
    timeout: 30_000,
  });
}
