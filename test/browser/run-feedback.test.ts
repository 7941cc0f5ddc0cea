/**
 * Issue 17, items 3 and 4: a Run in progress shows itself and can be cancelled; errors
 * stay in the panel of the input at fault; numbers out of range are flagged at the field;
 * outcomes, hosts, the route, the EHLO name, expiry and stale views are said in words.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { chooseExample, clickRun, openPlayground, type Session } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openPlayground(inject("baseUrl"));
});
afterAll(async () => {
  await s?.close();
});

/** Replaces the editor's text (pasted: typing would auto-close brackets) and runs it. */
async function runConfig(text: string): Promise<void> {
  await s.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Control+V");
  await clickRun(s.page);
  expect(await s.page.locator("#config-error:not([hidden])").count()).toBe(0);
}

it("a slow Run shows its progress, turns Run into Cancel, and Cancel keeps the old result", async () => {
  await chooseExample(s.page, "plain-strategy");
  const before = await s.page.textContent("#attempts");
  // A name without records goes to the API; hold that request.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await s.page.route("**/api/evaluate", async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  try {
    await s.page.selectOption("#ctx-resolver", "default");
    await s.page.fill("#ctx-domain", "slow.example");
    await s.page.click("#run");
    await s.page.waitForSelector("#run.cancel");
    expect(await s.page.getAttribute("#result-panel", "aria-busy")).toBe("true");
    expect(await s.page.locator("#result-panel.running").count()).toBe(1);
    await expect.poll(() => s.page.textContent("#run .elapsed")).toMatch(/^\d+\.\d s$/);
    await s.page.click("#run");
    await s.page.waitForFunction(() =>
      document.getElementById("announce")?.textContent?.includes("cancelled"),
    );
    expect(await s.page.locator("#run.cancel").count()).toBe(0);
    expect(await s.page.textContent("#attempts")).toBe(before);
  } finally {
    release();
    await s.page.unrouteAll({ behavior: "wait" });
  }
});

it("a bad what-if record is marked on its row, and the result stays", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  const before = await s.page.textContent("#attempts");
  await s.page.fill("[aria-label='record 2 value']", "999.0.0.1");
  await clickRun(s.page);
  expect(await s.page.locator(".whatif-row[data-row='1'].invalid").count()).toBe(1);
  expect(await s.page.textContent("#whatif-error")).toMatch(/^Record 2: /);
  expect(await s.page.textContent("#attempts")).toBe(before);
  expect(await s.page.locator("#result-panel .stale-note").count()).toBe(1);
});

it("a domain that is not a DNS name is marked at its field", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  await s.page.fill("#ctx-domain", "bad..example");
  await clickRun(s.page);
  expect(await s.page.getAttribute("#ctx-domain", "aria-invalid")).toBe("true");
  expect(await s.page.textContent("#context-error")).toContain("Recipient domain");
});

it("retry_num -1 or 2.5 is flagged at the field and not used", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  for (const bad of ["-1", "2.5"]) {
    await s.page.fill("#ctx-retry_num", bad);
    expect(await s.page.getAttribute("#ctx-retry_num", "aria-invalid")).toBe("true");
    expect(await s.page.textContent("#ctx-retry_num-msg")).toContain(`“${bad}” is not used`);
  }
  await clickRun(s.page);
  // retry_num is still 0: the first branch.
  expect(await s.page.textContent("#result-summary .strategy")).toBe("ipv6_only");
  await s.page.fill("#ctx-retry_num", "1");
  expect(await s.page.getAttribute("#ctx-retry_num", "aria-invalid")).toBe("false");
});

it("local delivery is drawn as local delivery, not a failure", async () => {
  await chooseExample(s.page, "plain-strategy");
  await runConfig(`[queue.outbound]\nnext-hop = "'local'"\n`);
  expect(await s.page.getAttribute("#attempts", "data-outcome")).toBe("local");
  expect(await s.page.textContent("#attempts")).toContain("Local delivery");
  expect(await s.page.textContent("#attempts")).not.toContain("failure");
});

it("a relay and the EHLO name are shown", async () => {
  await chooseExample(s.page, "plain-strategy");
  await s.page.click("#whatif-add");
  await s.page.fill("[aria-label='record 4 name']", "relay.example.net");
  await s.page.selectOption("[aria-label='record 4 type']", "A");
  await s.page.fill("[aria-label='record 4 value']", "198.51.100.9");
  await runConfig(
    `[queue.outbound]\nnext-hop = "'smarthost'"\nhostname = "'mx.example.org'"\n\n[remote.smarthost]\naddress = "relay.example.net"\nport = 587\nprotocol = "smtp"\n`,
  );
  const route = await s.page.textContent("#result-route");
  expect(route).toContain("'smarthost' at relay.example.net:587 (SMTP");
  expect(route).toContain("EHLO mx.example.org");
  expect(await s.page.getAttribute("#outcome", "data-outcome")).toBe("relay");
  expect(await s.page.textContent("#attempts")).toContain("198.51.100.9");
});

it("a host with no address of the asked family says why in words", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  await s.page.selectOption("[aria-label='record 3 answer kind']", "NODATA");
  await clickRun(s.page);
  const headline = await s.page.textContent(".host-card .host-headline");
  expect(headline).toContain(
    "No AAAA record for mx1.example.com, and ipv6_only asks for nothing else",
  );
  expect(headline).toContain("Stalwart reports “record not found for MX”");
});

it("the timeline shows queue.schedule.expire, and every view says when it is stale", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  await runConfig(`[queue.schedule]\nretry = "[1d]"\nexpire = "2d"\n`);
  await s.page.click("#tab-btn-timeline");
  await s.page.waitForSelector("#timeline-panel[data-drawn='true'] #timeline [data-retry='3']");
  expect(await s.page.textContent("#timeline [data-retry='1'] .due")).toContain("due 1d");
  expect(await s.page.textContent("#timeline [data-retry='2'] .due")).toContain(
    "past queue.schedule.expire (2d)",
  );
  await s.page.fill("#ctx-sender", "someone@example.net");
  expect(await s.page.textContent("#timeline-panel .stale-note")).toContain("Inputs changed");
  await s.page.click("#tab-btn-result");
  expect(await s.page.textContent("#result-panel .stale-note")).toContain("Inputs changed");
  await clickRun(s.page);
  expect(await s.page.locator("#result-panel .stale-note").count()).toBe(0);
});

it("REFUSED, which the what-if menu offers, is an answer the core takes: a temporary failure", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  await s.page.selectOption("[aria-label='record 1 answer kind']", "REFUSED");
  await clickRun(s.page);
  expect(await s.page.locator("#whatif-error:not([hidden])").count()).toBe(0);
  expect(await s.page.getAttribute("#attempts", "data-outcome")).toBe("temporary");
  expect(await s.page.textContent("#dns-trace")).toContain("REFUSED");
});

it("a config Stalwart cannot read is reported at its line in the config panel; the result stays", async () => {
  await chooseExample(s.page, "retry-v6-then-v4");
  const before = await s.page.textContent("#attempts");
  await s.page.evaluate(() => navigator.clipboard.writeText("[queue.outbound\nip-strategy = 1\n"));
  await s.page.click("#editor .view-line >> nth=0");
  await s.page.keyboard.press("Control+A");
  await s.page.keyboard.press("Control+V");
  await clickRun(s.page);
  expect(await s.page.textContent("#config-error")).toMatch(
    /^Line 1, column \d+: .*\(toml_syntax\)$/,
  );
  expect(await s.page.textContent("#attempts")).toBe(before);
  expect(await s.page.locator("#result-panel .stale-note").count()).toBe(1);
});
