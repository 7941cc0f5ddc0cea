/** Copy link / Copy as curl, with a visible fallback when the clipboard is refused. */
import { h } from "./dom";

export async function copyText(text: string, banner: HTMLElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showBanner(banner, "ok", `${what} copied to the clipboard.`);
  } catch {
    // Clipboard refused (iframe without permission, insecure origin): let the user copy.
    const box = h(
      "textarea",
      { readonly: true, rows: 3, class: "mono", "aria-label": what, style: "width:100%" },
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
): void {
  banner.className = `banner ${kind}`;
  banner.setAttribute("role", kind === "error" ? "alert" : "status");
  const close = h(
    "button",
    { type: "button", class: "small", "aria-label": "Dismiss", style: "float:right" },
    "✕",
  );
  close.addEventListener("click", () => {
    banner.hidden = true;
  });
  banner.replaceChildren(close, h("span", null, message), extra ?? "");
  banner.hidden = false;
}
