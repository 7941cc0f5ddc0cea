/**
 * The playground in Debian Chromium against `wrangler dev` (the real Worker, resolver
 * "none" + what-if records): editor, markers, Run, share links, inert hostile input.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { encodeState } from "../../web/src/state/codec";
import { defaultState } from "../../web/src/state/types";
import {
  chooseExample,
  clickRun,
  openSession,
  type Session,
  screenshot,
  waitForMonaco,
  waitForRun,
} from "./browser";

let s: Session;
const base = () => inject("baseUrl");

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

async function texts(selector: string): Promise<string[]> {
  return s.page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? "").trim()));
}

describe("playground", () => {
  it("renders the Monaco editor with the first example and its result", async () => {
    await s.page.goto(base());
    await waitForMonaco(s.page);
    await waitForRun(s.page);
    expect(await s.page.locator("#editor .view-lines").textContent()).toContain("ip-strategy");
    expect(await texts("#attempts .ip")).toEqual(["2001:db8::25 IPv6"]);
    // The branch that chose ipv6_only is highlighted in the editor.
    await s.page.waitForSelector("#editor .branch-hl");
    await screenshot(s.page, "01-first-example");
    expect(s.problems).toEqual([]);
  });

  it("shows a mistake as a marker at its column inside the string", async () => {
    await chooseExample(s.page, "mistake-rcpt-domain");
    const line = 'ip-strategy = [ { if = "rcpt_domain == \'gmail.com\'", then = "ipv4_only" },';
    const where = await s.page.waitForFunction(() => {
      const w = document.querySelector("#live-diagnostics .where");
      return w?.textContent ?? false;
    });
    expect(await where.jsonValue()).toBe(`2:${line.indexOf("rcpt_domain") + 1}`);
    await s.page.waitForSelector("#editor .squiggly-error");
    // The strategy fell back to the built-in default, as in Stalwart.
    expect(await s.page.locator("#result-summary .strategy").textContent()).toBe("ipv4_then_ipv6");
    await screenshot(s.page, "02-mistake-marker");
  });

  it("Run shows the attempts of an offline example, with the dropped IPs and why", async () => {
    await chooseExample(s.page, "mistake-multihomed-cut");
    expect(await texts("#attempts .ip")).toEqual([
      "192.0.2.25 IPv4",
      "192.0.2.26 IPv4",
      "198.51.100.7 IPv4",
      "2001:db8:2::7 IPv6",
    ]);
    const dropped = await texts(".host-card .dropped");
    expect(dropped).toEqual(["2001:db8::25", "2001:db8::26"]);
    expect(await s.page.locator(".host-card .why").first().textContent()).toContain(
      "IPv6 is never tried",
    );
    await screenshot(s.page, "03-multihomed-cut");
  });

  it("Ctrl+Enter runs the edited context", async () => {
    await chooseExample(s.page, "retry-v6-then-v4");
    const before = Number((await s.page.getAttribute("#result-panel", "data-run")) ?? 0);
    await s.page.fill("#ctx-retry_num", "1");
    await s.page.keyboard.press("Control+Enter");
    await waitForRun(s.page, before);
    expect(await texts("#attempts .ip")).toEqual(["192.0.2.25 IPv4"]);
    expect(await s.page.locator("#result-summary").textContent()).toContain("else");
  });

  it("the retry timeline shows IPv6 first, then IPv4 on retries, in one picture", async () => {
    await chooseExample(s.page, "retry-v6-then-v4");
    await s.page.click("#tab-btn-timeline");
    await s.page.waitForSelector("#timeline [data-retry='4']");
    const cols = await texts("#timeline .retry-col ol");
    expect(cols).toEqual(["2001:db8::25", "192.0.2.25", "192.0.2.25", "192.0.2.25", "192.0.2.25"]);
    expect(await s.page.locator("#timeline [data-retry='1'] .due").textContent()).toContain("2m");
    await screenshot(s.page, "04-retry-timeline");
  });

  it("the expression console shows a value and its type, and errors with their column", async () => {
    await s.page.click("#tab-btn-console");
    await s.page.fill("#console-expr", "retry_num + 1");
    await s.page.fill("#console-vars", "retry_num = 41");
    await s.page.click("#console-run");
    await s.page.waitForFunction(() =>
      document.getElementById("console-out")?.textContent?.includes("42"),
    );
    expect(await s.page.locator("#console-out").textContent()).toContain("integer");
    await s.page.fill("#console-expr", "rcpt_domain == 'x'");
    await s.page.selectOption("#console-key", "queue.outbound.ip-strategy");
    await s.page.click("#console-run");
    await s.page.waitForFunction(() =>
      document.getElementById("console-out")?.textContent?.includes("rcpt_domain"),
    );
    await screenshot(s.page, "05-expression-console");
    await s.page.click("#tab-btn-result");
  });

  it("a share link round-trips the whole state and runs", async () => {
    await chooseExample(s.page, "source-ips");
    await s.page.fill("#ctx-domain", "example.com");
    await s.page.fill("#ctx-seed", "7");
    await s.page.fill("#ctx-sender", "carol@example.net");
    await clickRun(s.page);
    await s.page.click("#copy-link");
    // Not the example's banner (still up): the copy's own.
    await s.page.waitForSelector("#banner:has-text('Link copied')");
    const link = await s.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
    const attempts = await texts("#attempts li");
    const config = await s.page.evaluate(
      () => document.querySelector("#editor .view-lines")?.textContent,
    );
    const other = await s.context.newPage();
    await other.goto(link);
    await other.waitForFunction(
      () => Number(document.getElementById("result-panel")?.dataset.run ?? 0) > 0,
    );
    await other.waitForSelector("#editor[data-ready] .view-lines");
    expect(await other.inputValue("#ctx-seed")).toBe("7");
    expect(await other.inputValue("#ctx-sender")).toBe("carol@example.net");
    expect(
      await other.$$eval("#attempts li", (els) => els.map((e) => (e.textContent ?? "").trim())),
    ).toEqual(attempts);
    expect(
      await other.evaluate(() => document.querySelector("#editor .view-lines")?.textContent),
    ).toBe(config);
    await other.close();
  });

  it("a damaged link gives a friendly message, never a blank page", async () => {
    await s.page.goto(`${base()}/#v1.AAAA-broken`);
    await waitForRun(s.page);
    expect(await s.page.locator("#banner").textContent()).toContain("could not be opened");
    expect(await s.page.getAttribute("#banner", "data-code")).toMatch(/^state_/);
    expect((await texts("#attempts .ip")).length).toBeGreaterThan(0);
    await screenshot(s.page, "06-damaged-link");
  });
});

describe("hostile input", () => {
  it("a config, domain or record holding HTML or script renders as inert text under the CSP", async () => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const state = defaultState();
    state.config = `# ${payload}\n[queue.outbound]\nip-strategy = "${payload.replace(/"/g, "'")}"\n`;
    state.context.domain = `${payload}.example`;
    state.resolver = "none";
    state.records = [
      { name: "example.com", type: "MX", value: `10 ${payload}` },
      { name: payload, type: "TXT", value: payload },
    ];
    state.console.expression = `'${payload}'`;
    const res = await fetch(`${base()}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline' 'self'; script");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    let dialogs = 0;
    s.page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await s.page.goto(`${base()}/${await encodeState(state)}`);
    await waitForRun(s.page);
    await waitForMonaco(s.page);
    // Every place the payload is drawn has drawn it (the editor, its lint list, the domain
    // refused at its field): whatever it could have run would have run by then.
    await s.page.waitForSelector("#live-diagnostics[data-linted]", { state: "attached" });
    await s.page.waitForFunction(() =>
      document.querySelector("#editor .view-lines")?.textContent?.includes("onerror"),
    );
    await s.page.waitForSelector("#context-error:not([hidden])");
    expect(
      await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await s.page.inputValue("#ctx-domain")).toBe(state.context.domain);
    // No element came from the data: the only <img>/<script> are the page's own.
    expect(await s.page.$$eval("img", (els) => els.length)).toBe(0);
    expect(
      await s.page.$$eval("script", (els) =>
        els.every((e) => e.getAttribute("src")?.startsWith("/assets/")),
      ),
    ).toBe(true);
    expect(await s.page.locator("#result-panel").textContent()).not.toContain("undefined");
    await screenshot(s.page, "07-hostile-link");
  });
});

describe("layouts", () => {
  it.each([
    ["1280 px", { width: 1280, height: 800 }],
    ["360 px", { width: 360, height: 780 }],
  ] as const)("a diagnostic's severity and place are each on one line (%s)", async (_, opts) => {
    const view = await openSession(opts);
    try {
      await view.page.goto(base());
      await waitForRun(view.page);
      await view.page.waitForSelector("#live-diagnostics[data-linted]", { state: "attached" });
      // The line boxes of each label's text: one per line it takes.
      const lines = await view.page.$$eval(
        "#live-diagnostics .diag > span:not(:last-child), #result-diagnostics .diag > span:not(:last-child)",
        (els) =>
          els.map((e) => {
            const r = document.createRange();
            r.selectNodeContents(e);
            return `${e.textContent} ${r.getClientRects().length}`;
          }),
      );
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => !l.endsWith(" 1"))).toEqual([]);
    } finally {
      await view.close();
    }
  });

  it("the Example menu names the example on screen, and no example once the state is not one", async () => {
    const fresh = await openSession();
    const { page } = fresh;
    const shown = () => page.$eval("#examples", (e: HTMLSelectElement) => e.value);
    try {
      await page.goto(base());
      await waitForRun(page);
      // A fresh profile: the first example, not a draft.
      expect(await shown()).toBe("retry-v6-then-v4");
      await chooseExample(page, "null-mx");
      expect(await shown()).toBe("null-mx");
      await page.click("#undo-load");
      expect(await shown()).toBe("retry-v6-then-v4");
      await page.goto(`${base()}/${await encodeState(defaultState())}`);
      await waitForRun(page);
      expect(await shown()).toBe("");
    } finally {
      await fresh.close();
    }
  });

  it("is usable at 360 px in the dark theme, result right after the editor", async () => {
    const narrow = await openSession({ width: 360, height: 780, dark: true });
    try {
      await narrow.page.goto(base());
      await waitForRun(narrow.page);
      await waitForMonaco(narrow.page);
      const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
      const editorBottom = await narrow.page.locator(".editor-panel").boundingBox();
      const resultTop = await narrow.page.locator("#result-panel").boundingBox();
      expect(resultTop && editorBottom && resultTop.y > editorBottom.y).toBe(true);
      // What-if names get the row's width, not a 64 px sliver.
      const name = await narrow.page.locator("[aria-label='record 1 name']").boundingBox();
      expect(name?.width ?? 0).toBeGreaterThan(200);
      // DNS answers keep whole names on a line (the table scrolls), and the table can be
      // reached and scrolled by keyboard.
      const answer = narrow.page.locator("#dns-trace td.answers").first();
      expect(await answer.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("pre");
      const wrap = narrow.page.locator(".table-wrap");
      expect(await wrap.getAttribute("tabindex")).toBe("0");
      await wrap.focus();
      await narrow.page.keyboard.press("ArrowRight");
      await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await screenshot(narrow.page, "08-narrow-dark");
      expect(narrow.problems).toEqual([]);
    } finally {
      await narrow.close();
    }
  });

  it("embed mode (/embed#…) shows the playground without the page chrome", async () => {
    const state = defaultState();
    await s.page.goto(`${base()}/embed${await encodeState(state)}`);
    await waitForRun(s.page);
    expect(await s.page.evaluate(() => document.body.classList.contains("embed"))).toBe(true);
    expect(await s.page.isVisible("#open-full")).toBe(true);
    await s.page.waitForFunction(() =>
      /^\/#v1\./.test(document.getElementById("open-full")?.getAttribute("href") ?? ""),
    );
    await screenshot(s.page, "09-embed");
  });
});
