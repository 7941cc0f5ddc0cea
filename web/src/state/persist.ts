/**
 * Never lose work: the state goes to the URL fragment as it is edited (debounced, with
 * `replaceState`, so Back does not step through keystrokes), and to a draft in
 * `localStorage`, written at once when the page is hidden. The draft is what a bare URL
 * opens, and what a reload opens when it happens before the fragment caught up.
 *
 * Takes `location`, `history` and the storage as parameters so Node tests run it as is.
 */
import { encodeState } from "./codec";
import type { PlaygroundState } from "./types";

export const DRAFT_KEY = "ip-strategy-playground:draft";
/** How long typing may pause before the fragment is rewritten. */
export const WRITE_DELAY_MS = 300;

interface Draft {
  /** The fragment the page showed when the draft was saved ("" for none). */
  readonly hash: string;
  readonly state: unknown;
}

export interface PersistDeps {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: Pick<History, "replaceState">;
  /** null when the browser refuses storage (private mode, sandboxed iframe). */
  readonly storage: Pick<Storage, "getItem" | "setItem"> | null;
}

/**
 * The draft to open instead of the fragment: when there is no fragment, or when the
 * draft was saved on top of this very fragment (a reload before the write caught up).
 */
export async function readDraft(deps: PersistDeps): Promise<PlaygroundState | null> {
  let raw: string | null = null;
  try {
    raw = deps.storage?.getItem(DRAFT_KEY) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  let draft: Partial<Draft>;
  try {
    draft = JSON.parse(raw) as Partial<Draft>;
  } catch {
    return null;
  }
  const hash = deps.location.hash.length <= 1 ? "" : deps.location.hash;
  if (hash !== "" && draft.hash !== hash) return null;
  // The schema (zod) is loaded only when there is a draft to check, not with the page.
  const { parseState } = await import("./schema");
  return parseState(draft.state);
}

export interface Persister {
  /** The state changed: write it soon. */
  changed(): void;
  /** Write the fragment now (before a copy, a Run); resolves with the new fragment. */
  flush(): Promise<string>;
  /** Save the draft synchronously (the page is being hidden or unloaded). */
  saveDraft(): void;
}

/**
 * `suffix` follows the state in the fragment: the embed options given there
 * (`&tab=timeline`, embed-options.ts), kept as they were.
 */
export function persister(
  deps: PersistDeps,
  current: () => PlaygroundState,
  suffix = "",
  onWrite: (hash: string) => void = () => {},
): Persister {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveDraft = (): void => {
    const draft: Draft = { hash: deps.location.hash, state: current() };
    try {
      deps.storage?.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // Quota or a refused storage: the fragment still holds the state.
    }
  };
  const flush = async (): Promise<string> => {
    clearTimeout(timer);
    const hash = (await encodeState(current())) + suffix;
    if (hash !== deps.location.hash) {
      deps.history.replaceState(
        null,
        "",
        `${deps.location.pathname}${deps.location.search}${hash}`,
      );
    }
    saveDraft();
    onWrite(hash);
    return hash;
  };
  return {
    changed() {
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), WRITE_DELAY_MS);
    },
    flush,
    saveDraft,
  };
}
