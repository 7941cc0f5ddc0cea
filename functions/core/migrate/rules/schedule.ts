/**
 * Schedules: `queue.schedule.retry` × `notify` × `expire` become the remote delivery
 * schedule(s) of v0.13+ (`[queue.schedule.<id>]`, v0.16 `MtaDeliverySchedule`), chosen by
 * the schedule selector after v0.13's own branches for local delivery, DSNs and reports,
 * which keep v0.13's schedules. The selector has only RCPT variables: a `retry` condition
 * reading `mx`, `remote_ip` or `local_ip` (HOST variables in v0.12) cannot be carried.
 * The name is `remote` when the lists are v0.13's (the boot defaults hold them in the
 * database); other lists go to a schedule of their own, because a TOML list under
 * `queue.schedule.remote.retry` would merge with the database's `retry.0`… keys
 * (spec §1.4: local and database keys merge key by key).
 */
import { parseDuration } from "../../config/convert";
import { SETTINGS } from "../../config/settings";
import { STRATEGY_VARIABLES, selectorTokens } from "../../models/strategy-tokens";
import { BOOT_DEFAULTS } from "../../models/v013/boot-defaults";
import { V013_BUILTINS } from "../../models/v013/selectors";
import { type ChoiceSources, choicesOf } from "../choices";
import { MigrateCode } from "../codes";
import { variablesOf } from "../rewrite";
import { Names, productOf, select } from "../selector";
import type { Choices, Note, ScheduleDef, Selector, SelectorBranch } from "../types";

type ScheduleDraft = Omit<ScheduleDef, "name" | "origins">;

/** The remote schedule's list `name` as v0.13's boot defaults hold it, in ms. */
const bootList = (name: string) =>
  BOOT_DEFAULTS.filter(([key]) => key.startsWith(`queue.schedule.remote.${name}.`)).map(
    ([, value]) => parseDuration(value) ?? 0,
  );
const V013_RETRY = bootList("retry");
const V013_NOTIFY = bootList("notify");

/**
 * v0.13's own schedule branches before the remote schedule (local delivery, DSNs,
 * reports: `QueueConfig::default`), as conditions of the schedule selector.
 */
const OWN_SCHEDULE_BRANCHES: readonly SelectorBranch[] = V013_BUILTINS.schedule.branches.map(
  (b) => ({
    when: [
      {
        source: b.if,
        tokens: selectorTokens("v0.13", "schedule"),
        origin: { key: "queue.strategy.schedule" },
      },
    ],
    // The `then` is a string literal naming the schedule: `'dsn'`.
    pick: b.then.replace(/^'(.*)'$/, "$1"),
  }),
);

export interface Schedules {
  readonly selector: Selector;
  readonly schedules: readonly ScheduleDef[];
}

export function migrateSchedules(sources: ChoiceSources): Schedules {
  const drafts = productOf<Omit<ScheduleDraft, "queue">>("schedule", {
    retry: onlyRcpt(choicesOf(SETTINGS.retry, sources), sources.notes),
    notify: choicesOf(SETTINGS.notify, sources),
    expire: choicesOf(SETTINGS.expire, sources),
  });
  const names = new Names();
  for (const own of OWN_SCHEDULE_BRANCHES) names.reserve(own.pick);
  const same = (a: readonly number[], b: readonly number[]) => a.join() === b.join();
  const { selector, defs } = select(
    "schedule",
    drafts,
    (d) => JSON.stringify(d),
    (d) =>
      names.take(same(d.retry, V013_RETRY) && same(d.notify, V013_NOTIFY) ? "remote" : "outbound"),
  );
  return {
    selector: { ...selector, branches: [...OWN_SCHEDULE_BRANCHES, ...selector.branches] },
    schedules: defs.map(({ name, value, origins }) => ({
      ...value,
      queue: "remote",
      name,
      origins,
    })),
  };
}

/** The alternatives whose conditions the RCPT selector can evaluate; the others left out, with a note. */
function onlyRcpt<T>(choices: Choices<T>, notes: Note[]): Choices<T> {
  return choices.filter((c) => {
    const foreign = c.when.flatMap(variablesOf).filter((v) => !STRATEGY_VARIABLES.RCPT.has(v));
    if (foreign.length === 0) return true;
    const cond = c.when[0];
    notes.push({
      severity: "error",
      code: MigrateCode.ConditionDropped,
      message: `This condition reads ${[...new Set(foreign)].join(", ")}, which v0.13+ does not give the schedule selector (recipient variables only): the branch is left out, so its messages take the next branch`,
      ...(cond?.origin ?? {}),
    });
    return false;
  });
}
