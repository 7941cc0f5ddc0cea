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
import { SETTINGS } from "../../config/settings";
import { type ChoiceSources, choicesOf } from "../choices";
import { MigrateCode } from "../codes";
import { variablesOf } from "../rewrite";
import { Names, productOf, select } from "../selector";
import { OWN_SCHEDULE_BRANCHES, TARGET_RCPT_VARIABLES } from "../targets";
import type { Choices, Note, ScheduleDef, Selector } from "../types";

type ScheduleDraft = Omit<ScheduleDef, "name" | "origins">;

/** v0.13's boot-default retry and notify lists (boot.rs @v0.15.5 DEFAULT_SETTINGS), in ms. */
const V013_RETRY = [120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);
const V013_NOTIFY = [86_400, 259_200].map((s) => s * 1000);

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
    const foreign = c.when.flatMap(variablesOf).filter((v) => !TARGET_RCPT_VARIABLES.has(v));
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
