/** Accessible tabs (WAI-ARIA tabs pattern: arrows move, Home/End jump). */
export function setupTabs(
  tablist: HTMLElement,
  initial: string,
  onSelect: (panelId: string) => void,
): (panelId: string) => void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([hidden])')];
  const select = (panelId: string, focus = false) => {
    for (const t of tabs) {
      const on = t.getAttribute("aria-controls") === panelId;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !on;
      if (on && focus) t.focus();
    }
    onSelect(panelId);
  };
  tabs.forEach((t, i) => {
    t.addEventListener("click", () => select(t.getAttribute("aria-controls") ?? ""));
    t.addEventListener("keydown", (e) => {
      const next =
        e.key === "ArrowRight"
          ? (i + 1) % tabs.length
          : e.key === "ArrowLeft"
            ? (i - 1 + tabs.length) % tabs.length
            : e.key === "Home"
              ? 0
              : e.key === "End"
                ? tabs.length - 1
                : -1;
      if (next >= 0) {
        e.preventDefault();
        select(tabs[next]?.getAttribute("aria-controls") ?? "", true);
      }
    });
  });
  if (tabs.some((t) => t.getAttribute("aria-controls") === initial)) select(initial);
  return (id) => select(id);
}
