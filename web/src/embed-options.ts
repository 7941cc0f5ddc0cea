/**
 * The embed kit's options (README, "Embedding"): given in the query (`/embed?tab=timeline`)
 * or after the state in the fragment (`/embed#v1.…&tab=timeline`, which a docs site can
 * edit without a server); the fragment wins. Unknown names and values are ignored: an
 * embed must never fail to show because of a typo in an option.
 *
 * Pure: takes the `location` parts, so Node tests run it as is.
 */
export const PANELS = [
  "config",
  "context",
  "whatif",
  "result",
  "timeline",
  "console",
  "migrate",
] as const;
export type Panel = (typeof PANELS)[number];
export const TABS = ["result", "timeline", "console", "migrate"] as const;
export type Tab = (typeof TABS)[number];
export const THEMES = ["auto", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Editor heights an embed may ask for, in CSS pixels. */
export const EDITOR_HEIGHT = { min: 120, max: 2000 } as const;

export interface EmbedOptions {
  readonly embed: boolean;
  readonly readOnly: boolean;
  readonly panels: ReadonlySet<Panel>;
  readonly tab: Tab;
  /** Editor height in px; null = the layout's own. */
  readonly height: number | null;
  /** null = not given (the page's own toggle, or the OS, decides). */
  readonly theme: Theme | null;
}

/** The embed's default: the config and the result side by side, nothing else. */
const EMBED_PANELS: readonly Panel[] = ["config", "result", "timeline"];

/** `#v1.<state>&tab=…` → the state part and the options part. */
export function splitFragment(hash: string): { state: string; options: string } {
  const at = hash.indexOf("&");
  return at < 0
    ? { state: hash, options: "" }
    : { state: hash.slice(0, at), options: hash.slice(at) };
}

const pick = <T extends string>(list: readonly T[], v: string | null): T | null =>
  list.find((x) => x === v) ?? null;

function flag(v: string | null): boolean {
  return v !== null && v !== "0" && v !== "false";
}

export function readEmbedOptions(location: {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}): EmbedOptions {
  const embed = /\/embed\/?$/.test(location.pathname);
  const params = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(splitFragment(location.hash).options.slice(1))) {
    params.set(k, v);
  }
  const listed = (params.get("panels") ?? "")
    .split(",")
    .map((p) => pick(PANELS, p.trim()))
    .filter((p): p is Panel => p !== null);
  const panels = new Set<Panel>(listed.length > 0 ? listed : embed ? EMBED_PANELS : PANELS);
  const height = Number(params.get("height"));
  const tab = pick(TABS, params.get("tab"));
  return {
    embed,
    readOnly: flag(params.get("readonly")),
    panels,
    tab: tab && panels.has(tab) ? tab : (TABS.find((t) => panels.has(t)) ?? "result"),
    height:
      Number.isInteger(height) && height >= EDITOR_HEIGHT.min && height <= EDITOR_HEIGHT.max
        ? height
        : null,
    theme: pick(THEMES, params.get("theme")),
  };
}

/** The `<iframe>` a documentation page pastes to show `fragment` (state + options). */
export function embedCode(origin: string, search: string, fragment: string): string {
  const src = `${origin}/embed${search}${fragment}`;
  return `<iframe src="${src.replace(/"/g, "&quot;")}" title="Stalwart IP Strategy Playground" width="100%" height="480" style="border:1px solid #d8dde3;border-radius:6px" loading="lazy"></iframe>`;
}
