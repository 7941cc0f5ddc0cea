import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openSession, type Session, screenshot, waitForMonaco, waitForRun } from "./browser";

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

it("renders the editor and runs the first example", async () => {
  await s.page.goto(inject("baseUrl"));
  await waitForMonaco(s.page);
  await waitForRun(s.page);
  await screenshot(s.page, "smoke");
  expect(s.problems).toEqual([]);
});
