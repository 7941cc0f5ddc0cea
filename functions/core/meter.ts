/**
 * The work one request may do, counted in cost units. One meter per request is shared by
 * the config analysis and every expression the request evaluates, and every operation
 * charges in proportion to the work it does (characters scanned, elements compared or
 * copied, bytes hashed, diagnostics produced: expr/cost.ts and the analysis). A unit is
 * about a nanosecond of CPU on the bench machine, so the budget (LIMITS.cost) keeps the
 * worst request inside the Workers free plan's 10 ms (`npm run bench`, hostile rows).
 */
import { CoreError, CoreErrorCode } from "./errors";
import { LIMITS } from "./limits";

export class Meter {
  #used = 0;

  constructor(readonly budget: number = LIMITS.cost) {}

  /** Charges `units` of work on `what`; throws `cost_limit` once the budget is spent. */
  charge(units: number, what: string): void {
    this.#used += units;
    if (this.#used > this.budget) {
      throw new CoreError(
        CoreErrorCode.CostLimit,
        `Request cost limit exceeded: at most ${this.budget} units of work allowed, ${what} took it to ${this.#used}`,
      );
    }
  }

  /** Whether `units` more would still be within the budget (nothing is charged). */
  allows(units: number): boolean {
    return this.#used + units <= this.budget;
  }

  get used(): number {
    return this.#used;
  }
}
