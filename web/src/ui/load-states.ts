/**
 * Which state the page shows, and never losing the one it replaces: the link's state, or
 * the draft this browser kept (persist.ts), or the first example; an example or Reset
 * replaces the state with an Undo offer in the banner (the editor's own undo stack also
 * has the old text: EditorHandle.setValue is an undoable edit).
 */

import { splitFragment } from "../embed-options";
import { EXAMPLES, exampleState } from "../examples";
import { showBanner } from "../share";
import { decodeState } from "../state/codec";
import { defaultState, type PlaygroundState } from "../state/types";

export interface LoadDeps {
  readonly banner: HTMLElement;
  /** The state shown now (with the editor's text). */
  readonly current: () => PlaygroundState;
  readonly readDraft: () => Promise<PlaygroundState | null>;
  /** Shows `next` (with an example's note, or none) and runs it. */
  readonly apply: (next: PlaygroundState, note: string | null) => void;
}

export interface Loads {
  fromLocation(): Promise<void>;
  /** An example was picked: show it, offer to undo. */
  pick(next: PlaygroundState, note: string, message: string): void;
  reset(): void;
  /** States loaded so far (an automatic Run belongs to the latest only). */
  count(): number;
}

const first = EXAMPLES[0];
const firstState = (): PlaygroundState => (first ? exampleState(first) : defaultState());

export function loadStates(deps: LoadDeps): Loads {
  let loaded = 0;
  const apply = (next: PlaygroundState, note: string | null): void => {
    loaded++;
    deps.apply(next, note);
  };
  const replaceWithUndo = (next: PlaygroundState, note: string | null, message: string): void => {
    const before = structuredClone(deps.current());
    apply(next, note);
    showBanner(deps.banner, "ok", message, undefined, {
      label: "Undo",
      id: "undo-load",
      run: () => apply(before, null),
    });
  };
  return {
    async fromLocation() {
      const draft = await deps.readDraft();
      const fragment = splitFragment(location.hash).state;
      if (draft) {
        apply(draft, null);
        if (fragment.length <= 1) {
          showBanner(deps.banner, "ok", "Restored the draft you were editing.", undefined, {
            label: "Start from the example instead",
            id: "drop-draft",
            run: () =>
              replaceWithUndo(firstState(), first?.note ?? null, "Started from the example."),
          });
        }
        return;
      }
      if (fragment.length <= 1) {
        apply(firstState(), first?.note ?? null);
        return;
      }
      const r = await decodeState(fragment);
      if (r.ok) {
        apply(r.state, null);
        return;
      }
      apply(defaultState(), null);
      showBanner(
        deps.banner,
        "error",
        `This link could not be opened: ${r.message} The playground starts from its default example instead.`,
      );
      deps.banner.dataset.code = r.code;
    },
    pick: replaceWithUndo,
    reset() {
      replaceWithUndo(firstState(), first?.note ?? null, "Reset to the first example.");
    },
    count: () => loaded,
  };
}
