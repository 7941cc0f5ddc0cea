/**
 * Which state the page shows, and never losing the one it replaces: the link's state, or
 * the draft this browser kept (persist.ts), or the first example; an example or Reset
 * replaces the state with an Undo offer in the banner (the editor's own undo stack also
 * has the old text: EditorHandle.setValue is an undoable edit).
 */

import { splitFragment } from "../embed-options";
import { EXAMPLES, type Example, exampleState } from "../examples";
import { showBanner } from "../share";
import { decodeState } from "../state/codec";
import { defaultState, type PlaygroundState } from "../state/types";

export interface LoadDeps {
  readonly banner: HTMLElement;
  /** The state shown now (with the editor's text). */
  readonly current: () => PlaygroundState;
  readonly readDraft: () => Promise<PlaygroundState | null>;
  /**
   * Shows `next` and runs it; `example` is the example it is (its note is shown, the menu
   * names it), or null for a link, a draft or an undone load.
   */
  readonly apply: (next: PlaygroundState, example: Example | null) => void;
}

export interface Loads {
  fromLocation(): Promise<void>;
  /** An example was picked: show it, offer to undo. */
  pick(example: Example): void;
  reset(): void;
  /** States loaded so far (an automatic Run belongs to the latest only). */
  count(): number;
}

const first = EXAMPLES[0] ?? null;
const firstState = (): PlaygroundState => (first ? exampleState(first) : defaultState());

export function loadStates(deps: LoadDeps): Loads {
  let loaded = 0;
  /** The example on screen, if the state is one (Undo names it in the menu again). */
  let shown: Example | null = null;
  const apply = (next: PlaygroundState, example: Example | null): void => {
    loaded++;
    shown = example;
    deps.apply(next, example);
  };
  const replaceWithUndo = (next: PlaygroundState, example: Example | null, message: string) => {
    const before = structuredClone(deps.current());
    const beforeExample = shown;
    apply(next, example);
    showBanner(deps.banner, "ok", message, undefined, {
      label: "Undo",
      id: "undo-load",
      run: () => apply(before, beforeExample),
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
            run: () => replaceWithUndo(firstState(), first, "Started from the example."),
          });
        }
        return;
      }
      if (fragment.length <= 1) {
        apply(firstState(), first);
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
    pick(example) {
      replaceWithUndo(exampleState(example), example, `Loaded the example “${example.title}”.`);
    },
    reset() {
      replaceWithUndo(firstState(), first, "Reset to the first example.");
    },
    count: () => loaded,
  };
}
