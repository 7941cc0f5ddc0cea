/**
 * The baselines of the DNS critical-path figure, used ONLY by the bench: a `fetch` that
 * lets at most `slots` requests be open at once, queued in call order (FIFO).
 *
 * - `slots = 1` is the strictly sequential resolver: the planner asks for the MX, then
 *   for each host in order A then AAAA (ip-lookup.ts `startLookups`), so serialising the
 *   DoH exchanges in call order is exactly Stalwart's order (crates/smtp/src/outbound/
 *   lookup.rs awaits each query before the next: MX, then per host A, then AAAA).
 * - `slots = 6` is the deployed platform: a Worker invocation keeps at most six
 *   connections open at once and queues the rest until one closes.
 *
 * A slot is held until the body has been read (the connection is only free then), so the
 * response is re-wrapped around the bytes already read.
 */
export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function limitConcurrency(inner: FetchFn, slots: number): FetchFn {
  let open = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (open < slots) {
      open++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else open--;
  };
  return async (input, init) => {
    await acquire();
    try {
      const res = await inner(input, init);
      const body = await res.arrayBuffer();
      return new Response(body, { status: res.status, headers: res.headers });
    } finally {
      release();
    }
  };
}
