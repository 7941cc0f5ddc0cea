/**
 * What the routes need from the outside world, injectable so that tests can run the
 * real routes through `app.request()` with a controlled network, clock and seed source.
 */
import type { Clock } from "./core/io";
import { systemClock } from "./core/io";

export interface AppDeps {
  /** The only way the Worker reaches the network: used for allow-listed DoH URLs only. */
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  /** A fresh seed when the request gives none (echoed in the response). */
  readonly newSeed: () => number;
}

export function defaultDeps(): AppDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    clock: systemClock,
    newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
  };
}
