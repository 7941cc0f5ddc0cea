/**
 * Light or dark: the OS's choice unless the user picked one with the toggle (kept in
 * localStorage) or an embed asked for one. `<html data-theme>` carries the choice to the
 * CSS (styles.css), and listeners (the editor's theme) hear every change.
 */
import type { Theme } from "./embed-options";

const KEY = "ip-strategy-playground:theme";
const os = window.matchMedia("(prefers-color-scheme: dark)");
const listeners: ((dark: boolean) => void)[] = [];
let choice: Theme = "auto";

export const isDark = (): boolean => (choice === "auto" ? os.matches : choice === "dark");

function apply(): void {
  const root = document.documentElement;
  if (choice === "auto") delete root.dataset.theme;
  else root.dataset.theme = choice;
  const dark = isDark();
  for (const l of listeners) l(dark);
}

/** Called once at start: the embed's theme, else the saved choice, else the OS. */
export function initTheme(forced: Theme | null): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage refused (sandboxed iframe): the OS decides.
  }
  choice = forced ?? (saved === "light" || saved === "dark" ? saved : "auto");
  os.addEventListener("change", () => {
    if (choice === "auto") apply();
  });
  apply();
}

export function onThemeChange(listener: (dark: boolean) => void): void {
  listeners.push(listener);
}

/** The toggle: flips what is shown now, and remembers it. */
export function toggleTheme(): void {
  choice = isDark() ? "light" : "dark";
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // Not remembered; shown anyway.
  }
  apply();
}
