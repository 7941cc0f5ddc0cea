/**
 * A Run in progress: the result dimmed and marked busy, and the Run button turned into
 * Cancel with the elapsed time. Shown only after a short moment, so a Run computed in the
 * browser (a few ms) does not flash; `aria-busy` is set at once.
 */
import { h } from "../dom";

const SHOW_AFTER_MS = 120;

export interface Progress {
  stop(): void;
}

export function startProgress(result: HTMLElement, run: HTMLButtonElement): Progress {
  const idle = [...run.childNodes];
  const started = performance.now();
  const elapsed = h("span", { class: "elapsed" }, "");
  let ticker: ReturnType<typeof setInterval> | undefined;
  result.setAttribute("aria-busy", "true");
  const tick = (): void => {
    elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  };
  const shown = setTimeout(() => {
    result.classList.add("running");
    run.classList.add("cancel");
    run.setAttribute("aria-label", "Cancel the Run");
    run.replaceChildren("Cancel ", elapsed);
    tick();
    ticker = setInterval(tick, 100);
  }, SHOW_AFTER_MS);
  return {
    stop() {
      clearTimeout(shown);
      clearInterval(ticker);
      result.removeAttribute("aria-busy");
      result.classList.remove("running");
      if (run.classList.contains("cancel")) {
        run.classList.remove("cancel");
        run.removeAttribute("aria-label");
        run.replaceChildren(...idle);
      }
    },
  };
}
