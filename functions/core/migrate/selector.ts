/**
 * Several ≤ v0.12 if-blocks feeding one v0.13+ selector (spec stalwart-strategy.md §6): the
 * cross product of their branches, as one if-chain, whose values are the distinct
 * definitions it reaches, each named once.
 *
 * The product is nested if-blocks flattened: for outer branches `a1…an, else` and inner
 * `b1…bm, else`, the chain `a1 && b1, …, a1 && bm, a1, a2 && b1, …, b1, …, else` picks
 * exactly what the two blocks picked on their own, because each branch is only reached
 * once every earlier one failed (`a1` alone is reached only when no `a1 && bj` held, so
 * the inner block was at its else).
 */
import { LIMITS } from "../limits";
import { RequestError, RequestErrorCode } from "../request-error";
import type { Alternative, Choices, Origin, Selector, SelectorName } from "./types";

/**
 * `outer` refined by the choices `inner` gives for each of its values (one unconditional
 * alternative where the outer value needs no refinement), merged into one value.
 */
export function product<A, B, C>(
  selector: SelectorName,
  outer: Choices<A>,
  inner: (a: A) => Choices<B>,
  merge: (a: A, b: B) => C,
): Choices<C> {
  const out: Alternative<C>[] = [];
  for (const a of outer) {
    for (const b of inner(a.value)) {
      out.push({
        when: [...a.when, ...b.when],
        value: merge(a.value, b.value),
        origins: [...a.origins, ...b.origins],
      });
      if (out.length > LIMITS.migrateBranches) throw tooMany(selector);
    }
  }
  return out;
}

/**
 * The product of one if-block per field of `T`, fields in the order written: each value of
 * the result has every field set.
 */
export function productOf<T extends object>(
  selector: SelectorName,
  parts: { readonly [K in keyof T]: Choices<T[K]> },
): Choices<T> {
  let acc: Choices<Partial<T>> = always({});
  for (const key of Object.keys(parts) as (keyof T)[]) {
    acc = product(
      selector,
      acc,
      () => parts[key],
      (a, b) => ({ ...a, [key]: b }),
    );
  }
  // Every key of `parts` (the keys of T) was set by the loop above.
  return acc as Choices<T>;
}

/** The choices of `choices` with each value replaced (no condition is added). */
export function mapChoices<A, B>(choices: Choices<A>, f: (a: A) => B): Choices<B> {
  return choices.map((c) => ({ ...c, value: f(c.value) }));
}

/** One unconditional alternative: nothing to refine. */
export function always<T>(value: T): Choices<T> {
  return [{ when: [], value, origins: [] }];
}

function tooMany(selector: SelectorName): RequestError {
  return new RequestError(
    RequestErrorCode.MigrateLimit,
    `The ≤ v0.12 keys feeding queue.strategy.${selector} have so many branches between them that their combinations exceed ${LIMITS.migrateBranches} (LIMITS.migrateBranches); simplify those if-blocks first.`,
    { field: "config" },
  );
}

/** Names given out once each: `base`, then `base-2`, `base-3`, … */
export class Names {
  private readonly taken = new Set<string>();
  /** The next number to try after `base`, so each name is found in one step or a few. */
  private readonly next = new Map<string, number>();

  reserve(name: string): void {
    this.taken.add(name);
  }

  take(base: string): string {
    let n = this.next.get(base) ?? 1;
    let name = n === 1 ? base : `${base}-${n}`;
    while (this.taken.has(name)) name = `${base}-${++n}`;
    this.next.set(base, n + 1);
    this.taken.add(name);
    return name;
  }
}

export interface Defined<D> {
  readonly name: string;
  readonly value: D;
  readonly origins: readonly Origin[];
}

export interface Selection<D> {
  readonly selector: Selector;
  /** The distinct definitions reached, the else's first. */
  readonly defs: readonly Defined<D>[];
}

/**
 * The selector choosing among the distinct values of `choices` (equal when `identity`
 * is), named by `nameOf` — the else's value first, so it gets the plain name.
 */
export function select<D>(
  name: SelectorName,
  choices: Choices<D>,
  identity: (d: D) => string,
  nameOf: (d: D, isElse: boolean) => string,
): Selection<D> {
  const last = choices[choices.length - 1];
  const ordered = last === undefined ? [] : [last, ...choices.slice(0, -1)];
  const byId = new Map<string, { name: string; value: D; origins: Origin[] }>();
  for (const c of ordered) {
    const id = identity(c.value);
    const found = byId.get(id);
    if (found) found.origins.push(...c.origins);
    else
      byId.set(id, { name: nameOf(c.value, c === last), value: c.value, origins: [...c.origins] });
  }
  const nameFor = (d: D) => byId.get(identity(d))?.name ?? "";
  const otherwise = last === undefined ? "" : nameFor(last.value);
  const branches = choices.slice(0, -1).map((c) => ({ when: c.when, pick: nameFor(c.value) }));
  // A trailing branch that names the else's definition changes nothing.
  while (branches.length > 0 && branches[branches.length - 1]?.pick === otherwise) branches.pop();
  const defs = [...byId.values()].map((d) => ({ ...d, origins: uniqueOrigins(d.origins) }));
  const origins = uniqueOrigins(choices.flatMap((c) => c.origins));
  return { selector: { name, branches, else: otherwise, origins }, defs };
}

/** Each key once, in the order met. */
export function uniqueOrigins(origins: readonly Origin[]): Origin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const id = `${o.key}\u0000${o.start ?? ""}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
