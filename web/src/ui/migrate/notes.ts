/**
 * A migration's notes: what was not carried over and what behaves differently in the
 * target. Listed (each with its place in the old config and in the new one), and as
 * markers in both editors.
 */
import type { MigrateNote } from "../../core-adapter";
import { h } from "../../dom";
import type { Marker } from "../../editor/handle";

export type Jump = (line: number, column: number) => void;

/** The notes placed in the submitted (≤ v0.12) config. */
export function oldMarkers(notes: readonly MigrateNote[]): Marker[] {
  return notes.flatMap((n) =>
    n.line === undefined
      ? []
      : [
          {
            severity: n.severity,
            message: `Migration: ${n.message}`,
            code: n.code,
            line: n.line,
            column: n.column ?? 1,
            endLine: n.endLine ?? n.line,
            endColumn: n.endColumn ?? (n.column ?? 1) + 1,
          },
        ],
  );
}

/** The notes placed in the written config: from their place to the end of that line. */
export function newMarkers(notes: readonly MigrateNote[], text: string): Marker[] {
  const lines = text.split("\n");
  return notes.flatMap((n) => {
    const t = n.target;
    if (!t) return [];
    const end = (lines[t.line - 1]?.length ?? 0) + 1;
    return [
      {
        severity: n.severity,
        message: n.message,
        code: n.code,
        line: t.line,
        column: t.column,
        endLine: t.line,
        endColumn: Math.max(end, t.column + 1),
      },
    ];
  });
}

/** The list; `placed`: the written text is the one the notes' targets point into. */
export function notesList(
  notes: readonly MigrateNote[],
  jumpOld: Jump,
  jumpNew: Jump | null,
): HTMLElement {
  const item = (n: MigrateNote) => {
    const places: HTMLElement[] = [];
    const { line, target } = n;
    if (line !== undefined) {
      const b = h(
        "button",
        { type: "button", class: "small" },
        `old config ${line}:${n.column ?? 1}`,
      );
      b.addEventListener("click", () => jumpOld(line, n.column ?? 1));
      places.push(b);
    }
    if (target && jumpNew) {
      const b = h("button", { type: "button", class: "small" }, `new config ${target.line}`);
      b.addEventListener("click", () => jumpNew(target.line, target.column));
      places.push(b);
    }
    return h(
      "li",
      { "data-code": n.code },
      h("span", { class: `sev-${n.severity}` }, n.severity),
      " ",
      n.message,
      " ",
      h("span", { class: "muted small" }, `(${n.code})`),
      places.length ? h("span", { class: "places" }, " ", ...places) : null,
    );
  };
  return h(
    "section",
    { class: "section" },
    h("h3", null, `Notes (${notes.length})`),
    notes.length
      ? h("ul", { class: "migrate-notes", id: "migrate-notes" }, ...notes.map(item))
      : h(
          "p",
          { class: "muted small" },
          "None: every key carried over, nothing behaves differently.",
        ),
  );
}
