/**
 * A view whose inputs changed since it was drawn says so, in words at its top (not only
 * by dimming), until it is drawn again (its renderer replaces the note with the rest).
 */
import { h } from "../dom";

export function markStale(view: HTMLElement, what: string): void {
  view.classList.add("stale");
  if (view.querySelector(":scope > .stale-note")) return;
  view.prepend(
    h(
      "p",
      { class: "stale-note small" },
      `Inputs changed since this ${what} was computed: press Run.`,
    ),
  );
}

export function clearStale(view: HTMLElement): void {
  view.classList.remove("stale");
  view.querySelector(":scope > .stale-note")?.remove();
}
