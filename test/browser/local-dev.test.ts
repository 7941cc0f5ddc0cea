/**
 * Local dev as `npm start` runs it (test/setup/web-server.ts starts wrangler dev with the
 * same vars): no rate limit, although wrangler dev sends a CF-Connecting-IP of its own.
 * The deployed limit is proven inside workerd (test/workers/api/routes.test.ts).
 */
import { expect, inject, it } from "vitest";

it("150 requests in a minute to local dev get no 429", async () => {
  const url = `${inject("baseUrl")}/api/evaluate?domain=example.com&resolver=none`;
  const statuses = new Map<number, number>();
  for (let i = 0; i < 150; i++) {
    const res = await fetch(url);
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  expect(Object.fromEntries(statuses)).toEqual({ 200: 150 });
});
