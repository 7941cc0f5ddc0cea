/**
 * The "Example" menu: the examples by group; picking one hands it on. The menu names the
 * example on screen (`showExample`), and "Choose an example…" when the state is not one.
 */
import { h } from "../dom";
import { EXAMPLES, type Example } from "../examples";

export function setupExamplesMenu(
  select: HTMLSelectElement,
  onPick: (example: Example) => void,
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
    if (ex) onPick(ex);
  });
}

export function showExample(select: HTMLSelectElement, example: Example | null): void {
  select.value = example?.id ?? "";
}
