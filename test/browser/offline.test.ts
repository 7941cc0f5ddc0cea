/**
 * Issue 17, item 1: with every lookup answered by what-if records, Run computes the plan
 * in the browser with the same core as the Worker: with the network cut after load the
 * page, the timeline and the console still answer, and the plan is the one the API gives.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { decodeState } from "../../web/src/state/codec";
import { evaluateRequest } from "../../web/src/state/request";
import { chooseExample, clickRun, cutNetwork, openPlayground, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openPlayground(inject("baseUrl"));
});
afterAll(async () => {
  await s?.close();
});

/** Cuts the page off the network, counting the API requests and scripts tried meanwhile. */
const cut = (): Promise<string[]> =>
  cutNetwork(s.page, (p) => p.startsWith("/api/") || p.endsWith(".js"));

it("with the network cut, Run gives the plan the API gives, computed in the browser", async () => {
  await chooseExample(s.page, "mistake-multihomed-cut");
  await s.page.fill("#ctx-seed", "7");
  const attempted = await cut();
  try {
    await clickRun(s.page);
    expect(await s.page.getAttribute("#computed-in", "data-where")).toBe("browser");
    const shown: unknown = JSON.parse((await s.page.textContent("#plan-json")) ?? "");
    // The state the page ran, as Copy link shares it, sent to the API.
    await s.page.click("#copy-link");
    await s.page.waitForSelector("#banner:has-text('Link copied')");
    const hash = new URL(await s.page.evaluate(() => navigator.clipboard.readText())).hash;
    expect(attempted).toEqual([]);
    const decoded = await decodeState(hash);
    if (!decoded.ok) throw new Error(decoded.message);
    const res = await fetch(`${inject("baseUrl")}/api/evaluate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(evaluateRequest(decoded.state)),
    });
    expect(res.status).toBe(200);
    expect(shown).toEqual(await res.json());
  } finally {
    await s.page.unrouteAll();
  }
});

it("with the network cut, the retry timeline and the expression console still answer", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  const attempted = await cut();
  try {
    await s.page.click("#tab-btn-timeline");
    await s.page.waitForSelector("#timeline-panel[data-drawn='true'] #timeline [data-retry='2']");
    expect(await s.page.locator("#timeline .retry-col ol").first().textContent()).toBe(
      "2001:db8::25",
    );
    expect(await s.page.locator("#timeline [data-retry='1'] .due").textContent()).toContain("2m");
    await s.page.click("#tab-btn-console");
    await s.page.fill("#console-expr", "retry_num + 40");
    await s.page.fill("#console-vars", "retry_num = 2");
    await s.page.click("#console-run");
    await s.page.waitForSelector("#console-out[data-value='ok']");
    expect(await s.page.textContent("#console-out")).toContain("42");
    expect(await s.page.textContent("#console-out")).toContain("computed in your browser");
    // The API's notes are shown with the value (a store lookup the playground cannot make).
    await s.page.fill("#console-expr", "key_get('default', 'x')");
    await s.page.click("#console-run");
    await s.page.waitForSelector("#console-out .note");
    expect(await s.page.textContent("#console-out .note")).toMatch(/^Note: .*key_get/);
    expect(attempted).toEqual([]);
  } finally {
    await s.page.unrouteAll();
    await s.page.click("#tab-btn-result");
  }
});

it("a lookup no what-if record answers goes to the API (real DNS), and says so", async () => {
  await chooseExample(s.page, "plain-strategy");
  await s.page.selectOption("#ctx-resolver", "default");
  // mx1.example.com's records answer everything: still computed here.
  await clickRun(s.page);
  expect(await s.page.getAttribute("#computed-in", "data-where")).toBe("browser");
  // A name without records: the server's resolver (unreachable in these tests) is asked.
  await s.page.fill("#ctx-domain", "no-records.example");
  await clickRun(s.page);
  expect(await s.page.getAttribute("#computed-in", "data-where")).toBe("server");
  expect(await s.page.textContent("#attempts")).toContain("the DNS resolver could not be reached");
});
