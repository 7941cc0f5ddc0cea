/**
 * The notes of a migration as the API returns them: each once, in the order of the input
 * config, placed in it (line/column of its ≤ v0.12 key, by evaluate.ts's one placing
 * function) and in the migrated config (`target`: where its subject is written).
 */
import { lineLocator } from "../config/positions";
import type { MigrateNote } from "../contract/migrate";
import { placeDiagnostics } from "../evaluate";
import type { Written } from "./toml-writer";
import type { Note, Subject } from "./types";

function subjectId(s: Subject): string {
  return "selector" in s ? `selector:${s.selector}` : `${s.definition}:${s.name}`;
}

export function placeNotes(input: string, output: Written, notes: readonly Note[]): MigrateNote[] {
  const seen = new Set<string>();
  const unique = [...notes]
    .sort((a, b) => (a.start ?? Number.POSITIVE_INFINITY) - (b.start ?? Number.POSITIVE_INFINITY))
    .filter((n) => {
      const id = `${n.code}\u0000${n.key ?? ""}\u0000${n.start ?? ""}\u0000${n.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  // One placed diagnostic per note: the notes are unique already.
  const placed = placeDiagnostics(input, unique);
  const at = lineLocator(output.text);
  return unique.map((note, i) => {
    const base = placed[i] ?? { severity: note.severity, code: note.code, message: note.message };
    const offset = note.subject && output.places.get(subjectId(note.subject));
    return offset === undefined ? base : { ...base, target: at(offset) };
  });
}
