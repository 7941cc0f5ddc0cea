/**
 * Debian Chromium driven by playwright-core (flags from DEVELOPERS.md), fresh profile per
 * launch, plus helpers shared by the browser tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { EXAMPLES, exampleState } from "../../web/src/examples";
import { encodeState } from "../../web/src/state/codec";
import type { PlaygroundState } from "../../web/src/state/types";
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

/** The trimmed text of every element `selector` matches, in document order. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? "").trim()));
}

/**
 * Cuts the page off the network: every request fails; the paths `counted` picks among
 * them are listed (by default the API's: a font Monaco asks for late is not a Run's).
 * `page.unrouteAll()` restores it.
 */
export async function cutNetwork(
  page: Page,
  counted: (path: string) => boolean = (p) => p.startsWith("/api/"),
): Promise<string[]> {
  const attempted: string[] = [];
  await page.route("**/*", (route) => {
    const path = new URL(route.request().url()).pathname;
    if (counted(path)) attempted.push(path);
    return route.abort("internetdisconnected");
  });
  return attempted;
}

/**
 * One playground for the tests of a file: opened before them (Monaco up, first Run
 * drawn), closed after. Its page and context are read through it once it is open.
 */
export function sharedPlayground(): Session & { texts(selector: string): Promise<string[]> } {
  let open: Session | undefined;
  beforeAll(async () => {
    open = await openPlayground(inject("baseUrl"));
  });
  afterAll(async () => {
    await open?.close();
  });
  const get = (): Session => {
    if (!open) throw new Error("the shared playground is not open yet (use it inside a test)");
    return open;
  };
  return {
    get context() {
      return get().context;
    },
    get page() {
      return get().page;
    },
    get problems() {
      return get().problems;
    },
    close: () => get().close(),
    texts: (selector) => texts(get().page, selector),
  };
}

/** The sizes the layout tests load the page at. */
export const VIEWPORTS = [
  ["desktop", { width: 1360, height: 900 }],
  ["mobile", { width: 360, height: 780 }],
] as const;

/**
 * Opens `state`'s share link in a fresh session of `size`, waits for Monaco, the first
 * Run and each of `drawn`, and checks that the load did not shift the layout (CLS ≤ 0.05)
 * nor made the page wider than the viewport; `more` checks the page further.
 */
export async function steadyLoad(
  state: PlaygroundState,
  size: { readonly width: number; readonly height: number },
  drawn: readonly string[],
  more: (page: Page) => Promise<void> = async () => {},
): Promise<void> {
  const fresh = await openSession(size);
  try {
    await fresh.page.goto(`${inject("baseUrl")}/${await encodeState(state)}`);
    await waitForMonaco(fresh.page);
    await waitForRun(fresh.page);
    for (const selector of drawn) await fresh.page.waitForSelector(selector, { state: "attached" });
    expect(await layoutShift(fresh.page)).toBeLessThanOrEqual(0.05);
    const width = await fresh.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(size.width);
    await more(fresh.page);
  } finally {
    await fresh.close();
  }
}

/** The state of the menu's example `id`. */
export function exampleById(id: string): PlaygroundState {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return exampleState(ex);
}
