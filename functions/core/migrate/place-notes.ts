/**
 * The notes of a migration as the API returns them: each once, in the order of the input
 * config, placed in it (line/column of its ≤ v0.12 key, by evaluate.ts's one placing
 * function) and in the migrated config (`target`: where its subject is written).
 */
import { lineColumn } from "../config/positions";
import type { MigrateNote } from "../contract/migrate";
import { placeDiagnostics } from "../evaluate";
import type { Written } from "./toml-writer";
import type { Note, Subject } from "./types";

function subjectId(s: Subject): string {
  return "selector" in s ? `selector:${s.selector}` : `${s.definition}:${s.name}`;
}

export function placeNotes(input: string, output: Written, notes: readonly Note[]): MigrateNote[] {
  const ordered = [...notes].sort(
    (a, b) => (a.start ?? Number.POSITIVE_INFINITY) - (b.start ?? Number.POSITIVE_INFINITY),
  );
  const seen = new Set<string>();
  const out: MigrateNote[] = [];
  for (const note of ordered) {
    const id = `${note.code}\u0000${note.key ?? ""}\u0000${note.start ?? ""}\u0000${note.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const [placed] = placeDiagnostics(input, [note]);
    if (placed === undefined) continue;
    const at = note.subject === undefined ? undefined : output.places.get(subjectId(note.subject));
    out.push(at === undefined ? placed : { ...placed, target: lineColumn(output.text, at) });
  }
  return out;
}
