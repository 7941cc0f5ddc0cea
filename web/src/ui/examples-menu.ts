/** The "Example" menu: the examples by group; picking one hands its state and note on. */
import { h } from "../dom";
import { EXAMPLES, exampleState } from "../examples";
import type { PlaygroundState } from "../state/types";

export function setupExamplesMenu(
  select: HTMLSelectElement,
  onPick: (state: PlaygroundState, note: string, title: string) => void,
): void {
  // The options are in index.html's markup width from the start (styles.css fixes the
  // select's width), so filling the menu moves nothing.
  select.append(h("option", { value: "" }, "Choose an example…"));
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const ex of EXAMPLES) {
    let g = groups.get(ex.group);
    if (!g) {
      g = h("optgroup", { label: ex.group });
      groups.set(ex.group, g);
      select.append(g);
    }
    g.append(h("option", { value: ex.id }, ex.title));
  }
  select.addEventListener("change", () => {
    const ex = EXAMPLES.find((e) => e.id === select.value);
    if (ex) onPick(exampleState(ex), ex.note, ex.title);
    select.value = ex?.id ?? "";
  });
}
