/**
 * The banner under the top bar (link problems, copies, undo offers), and copying with a
 * visible fallback when the clipboard is refused.
 */
import { h } from "./dom";

export interface BannerAction {
  readonly label: string;
  readonly id: string;
  readonly run: () => void;
}

export async function copyText(text: string, banner: HTMLElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showBanner(banner, "ok", `${what} copied to the clipboard.`);
  } catch {
    // Clipboard refused (iframe without permission, insecure origin): let the user copy.
    const box = h(
      "textarea",
      { readonly: true, rows: 3, class: "mono copy-box", "aria-label": what },
      text,
    );
    showBanner(banner, "ok", `Copy the ${what.toLowerCase()} below:`, box);
    box.select();
  }
}

export function showBanner(
  banner: HTMLElement,
  kind: "ok" | "error",
  message: string,
  extra?: HTMLElement,
  action?: BannerAction,
): void {
  banner.className = `banner ${kind}`;
  banner.setAttribute("role", kind === "error" ? "alert" : "status");
  delete banner.dataset.code;
  const close = h(
    "button",
    { type: "button", class: "small dismiss", "aria-label": "Dismiss" },
    "✕",
  );
  close.addEventListener("click", () => {
    banner.hidden = true;
  });
  let act: HTMLElement | null = null;
  if (action) {
    act = h("button", { type: "button", class: "small", id: action.id }, action.label);
    act.addEventListener("click", () => {
      banner.hidden = true;
      action.run();
    });
  }
  banner.replaceChildren(close, h("span", null, message, " "), act ?? "", extra ?? "");
  banner.hidden = false;
}
