/**
 * Issue 16, Deliver 5: the deliverability checks in the playground. A badge per attempt
 * (SPF, PTR, EHLO) that expands to the reasons and to every source candidate, the summary
 * line, the SPF evaluation trace, the checks' toggle, what-if TXT (several strings of one
 * record) and PTR rows named by the address, the three examples, offline, and the checks
 * a what-if record does not answer sent to the API.
 */
import { describe, expect, it } from "vitest";
import {
  chooseExample,
  clickRun,
  cutNetwork,
  exampleById,
  screenshot,
  seriousViolations,
  sharedPlayground,
  steadyLoad,
  VIEWPORTS,
} from "./browser";

const s = sharedPlayground();
const texts = s.texts;

/** The what-if row (0-based) whose name and type are these. */
async function rowOf(name: string, type: string): Promise<number> {
  const rows = await s.page.$$eval("#whatif-rows .whatif-row", (els) =>
    els.map((e) => [
      e.querySelector<HTMLInputElement>("input.name")?.value,
      e.querySelector<HTMLSelectElement>("select")?.value,
    ]),
  );
  const i = rows.findIndex(([n, t]) => n === name && t === type);
  if (i < 0) throw new Error(`no what-if row ${name} ${type}`);
  return i;
}

describe("the examples, offline", () => {
  it("a source IP outside the SPF record: the pick's badges, every candidate, the summary", async () => {
    const attempted = await cutNetwork(s.page);
    try {
      await chooseExample(s.page, "spf-outside-record");
      expect(await s.page.getAttribute("#computed-in", "data-where")).toBe("browser");
      expect(await texts("#checks-summary p")).toEqual([
        "1 of 2 source IPs would fail SPF for alice@example.org (198.51.100.20 fail).",
        "1 of 2 source IPs has no forward-confirmed reverse DNS (198.51.100.20).",
        "1 of 2 source IPs says an EHLO name that is not its PTR name (198.51.100.20 as mail.example.org).",
        expect.stringContaining("Checked: SPF, reverse DNS and EHLO"),
      ]);
      const summary = s.page.locator("#attempts .attempt .checks > summary").first();
      expect(await summary.locator(".badge").allTextContents()).toEqual([
        "SPF fail",
        "PTR ✗",
        "EHLO ✗",
        "1 of 2 candidates ✗",
      ]);
      // The reason is on the badge (hover) and in the expanded view.
      expect(await summary.locator(".badge").first().getAttribute("title")).toContain(
        "-all in the SPF record of example.org matched",
      );
      await summary.click();
      const details = s.page.locator("#attempts .attempt .checks").first();
      expect(await details.locator("dl").textContent()).toContain(
        "198.51.100.20 has no PTR record",
      );
      expect(await details.locator("table.candidates tbody tr").allTextContents()).toEqual([
        expect.stringMatching(/^192\.0\.2\.10SPF passSPF passPTR ✓EHLO ✓$/),
        expect.stringMatching(/^198\.51\.100\.20 ✓ pickedSPF failSPF failPTR ✗EHLO ✗$/),
      ]);
      // Screen readers hear the first line of the summary with the new result.
      expect(await s.page.textContent("#announce")).toContain(
        "1 of 2 source IPs would fail SPF for alice@example.org",
      );
      expect(attempted).toEqual([]);
      await screenshot(s.page, "deliverability-spf-outside");
    } finally {
      await s.page.unrouteAll();
    }
  });

  it("the SPF evaluation trace of a check, term by term, computed in the page", async () => {
    const attempted = await cutNetwork(s.page);
    try {
      await s.page.locator("#attempts .attempt .checks .trace-btn").first().click();
      await s.page.waitForSelector("#spf-trace[open] #spf-trace-out[data-result='fail']");
      const out = s.page.locator("#spf-trace-out");
      expect(await out.locator(".spf-steps li").allTextContents()).toEqual([
        "example.org v=spf1 ip4:192.0.2.0/24 -all record",
        expect.stringMatching(/^example\.org ip4:192\.0\.2\.0\/24 no-match/),
        expect.stringMatching(/^example\.org -all match/),
      ]);
      expect(await out.textContent()).toContain("computed in your browser");
      expect(await out.locator("#spf-dns tbody tr").count()).toBe(1);
      // Another check from the menu: the HELO identity of the passing candidate.
      await s.page.selectOption("#spf-trace-pick", { label: "192.0.2.10, HELO mail.example.org" });
      await s.page.waitForSelector("#spf-trace-out[data-result='pass']");
      expect(await out.textContent()).toContain("a in the SPF record of mail.example.org matched");
      expect(attempted).toEqual([]);
      await screenshot(s.page, "deliverability-spf-trace");
    } finally {
      await s.page.unrouteAll();
    }
  });

  it("an EHLO name that is not the PTR name: PTR ✓ and EHLO ✗; a PTR row named by its address fixes it", async () => {
    await chooseExample(s.page, "ehlo-not-ptr");
    const badges = s.page.locator("#attempts .attempt .checks > summary .badge");
    expect(await badges.allTextContents()).toEqual(["SPF pass", "PTR ✓", "EHLO ✗"]);
    expect(await badges.nth(2).getAttribute("title")).toBe(
      "EHLO mail.example.org is not a PTR name of 192.0.2.10 (PTR: host-10.isp.example.net).",
    );
    const row = await rowOf("192.0.2.10", "PTR");
    await s.page.fill(`[aria-label='record ${row + 1} value']`, "mail.example.org");
    await clickRun(s.page);
    expect(await badges.allTextContents()).toEqual(["SPF pass", "PTR ✓", "EHLO ✓"]);
  });

  it("an unbound IPv6 attempt gets the unbound verdict, not a guess", async () => {
    await chooseExample(s.page, "unbound-ipv6");
    const first = s.page.locator("#attempts .attempt").first();
    expect(await first.locator(".checks > summary").textContent()).toBe(
      "unbound: cannot be checked",
    );
    await first.locator(".checks > summary").click();
    expect(await first.locator(".checks .why").textContent()).toContain(
      "the operating system chooses one",
    );
    expect((await texts("#checks-summary p"))[2]).toBe(
      "1 of 2 attempts is unbound: the operating system chooses the source address, which cannot be checked.",
    );
  });
});

describe("inputs", () => {
  it("the checks are off until turned on, and a share link carries them", async () => {
    await chooseExample(s.page, "source-ips");
    expect(await s.page.isChecked("#ctx-check-spf")).toBe(false);
    expect(await s.page.locator("#checks-summary").count()).toBe(0);
    expect(await s.page.locator("#attempts .checks").count()).toBe(0);
    await s.page.check("#ctx-check-spf");
    await clickRun(s.page);
    // No SPF record for example.org in this example: no verdict, and no PTR badges.
    expect((await texts("#checks-summary p"))[0]).toMatch(
      /^None of the 4 source IPs gets an SPF verdict/,
    );
    expect(await s.page.locator("#attempts .checks .badge", { hasText: "PTR" }).count()).toBe(0);
    await s.page.click("#copy-link");
    await s.page.waitForSelector("#banner:has-text('Link copied')");
    const link = await s.page.evaluate(() => navigator.clipboard.readText());
    const other = await s.context.newPage();
    try {
      await other.goto(link);
      await other.waitForSelector("#checks-summary");
      expect(await other.isChecked("#ctx-check-spf")).toBe(true);
      expect(await other.isChecked("#ctx-check-ptr")).toBe(false);
    } finally {
      await other.close();
    }
  });

  it("a TXT value as dig prints it (several strings of one record) is read as one record", async () => {
    await chooseExample(s.page, "spf-outside-record");
    const row = await rowOf("example.org", "TXT");
    await s.page.fill(
      `[aria-label='record ${row + 1} value']`,
      '"v=spf1 ip4:192.0.2.0/24 " "ip4:198.51.100.0/24 -all"',
    );
    await clickRun(s.page);
    expect((await texts("#checks-summary p"))[0]).toBe(
      "All 2 source IPs pass SPF for alice@example.org.",
    );
    // An unclosed quote is refused at its row before anything is computed.
    await s.page.fill(`[aria-label='record ${row + 1} value']`, '"v=spf1 -all');
    await clickRun(s.page);
    expect(await s.page.textContent("#whatif-error")).toContain(
      `Record ${row + 1}: TXT value: the quoted string that starts at column 1 is not closed`,
    );
    expect(
      await s.page.getAttribute(`[aria-label='record ${row + 1} value']`, "aria-invalid"),
    ).toBe("true");
  });

  it("a check the what-if records do not answer goes to /api/spf and says so", async () => {
    await chooseExample(s.page, "spf-outside-record");
    await s.page.selectOption("#ctx-resolver", "default");
    // bob@elsewhere.example: no record answers its SPF lookup, so the plan is the server's
    // (its resolver is unreachable in these tests: temperror) and so is the trace.
    await s.page.fill("#ctx-sender", "bob@elsewhere.example");
    const spfCalls: string[] = [];
    s.page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/spf") spfCalls.push(r.method());
    });
    await clickRun(s.page);
    expect(await s.page.getAttribute("#computed-in", "data-where")).toBe("server");
    await s.page.locator("#spf-trace > summary").click();
    await s.page.waitForSelector("#spf-trace-out[data-result='temperror']");
    expect(await s.page.textContent("#spf-trace-out")).toContain("computed by the server");
    expect(spfCalls).toEqual(["POST"]);
  });
});

describe("accessibility of the new views", () => {
  it.each([
    ["light", false],
    ["dark", true],
  ] as const)(
    "axe: no serious or critical violation with every check expanded (%s)",
    async (_, dark) => {
      await s.page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
      await chooseExample(s.page, "spf-outside-record");
      for (const d of await s.page.locator("#attempts .checks > summary").all()) await d.click();
      await s.page.locator("#spf-trace > summary").click();
      await s.page.waitForSelector("#spf-trace-out[data-result]");
      expect(await seriousViolations(s.page)).toEqual([]);
    },
  );
});

describe("layout shift with the checks", () => {
  it.each(VIEWPORTS)(
    "CLS ≤ 0.05 loading a link whose first result has checks (%s)",
    async (_, size) => {
      const state = exampleById("spf-outside-record");
      await steadyLoad(state, size, ["#checks-summary"], async (page) => {
        if (size.width !== 360) return;
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, "deliverability-narrow");
      });
    },
  );
});
