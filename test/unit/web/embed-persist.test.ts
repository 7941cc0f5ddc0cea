import { describe, expect, it } from "vitest";
import { embedCode, readEmbedOptions, splitFragment } from "../../../web/src/embed-options";
import { decodeState, encodeState } from "../../../web/src/state/codec";
import { DRAFT_KEY, persister, readDraft } from "../../../web/src/state/persist";
import { defaultState } from "../../../web/src/state/types";

const at = (pathname: string, search = "", hash = "") => ({ pathname, search, hash });

describe("embed options", () => {
  it("the embed defaults: config, result and timeline; the page shows everything", () => {
    const e = readEmbedOptions(at("/embed"));
    expect(e.embed).toBe(true);
    expect([...e.panels]).toEqual(["config", "result", "timeline"]);
    expect(e.tab).toBe("result");
    expect(e.readOnly).toBe(false);
    expect([...readEmbedOptions(at("/")).panels]).toEqual([
      "config",
      "context",
      "whatif",
      "result",
      "timeline",
      "console",
      "migrate",
    ]);
    // The Migrate view may be the one an embed opens on.
    expect(readEmbedOptions(at("/embed", "?panels=config,migrate&tab=migrate")).tab).toBe(
      "migrate",
    );
    expect(readEmbedOptions(at("/")).embed).toBe(false);
  });

  it("reads the query and the fragment's tail, the fragment winning", () => {
    const e = readEmbedOptions(
      at("/embed", "?tab=console&theme=light&panels=config,console", "#v1.abc&theme=dark&readonly"),
    );
    expect(e.tab).toBe("console");
    expect(e.theme).toBe("dark");
    expect(e.readOnly).toBe(true);
    expect([...e.panels]).toEqual(["config", "console"]);
  });

  it("ignores what it does not know, and a tab whose panel is not shown", () => {
    const e = readEmbedOptions(
      at("/embed", "?panels=bogus&tab=console&height=5&theme=neon&readonly=0"),
    );
    expect([...e.panels]).toEqual(["config", "result", "timeline"]);
    expect(e.tab).toBe("result");
    expect(e.height).toBeNull();
    expect(e.theme).toBeNull();
    expect(e.readOnly).toBe(false);
    expect(readEmbedOptions(at("/embed", "?height=333")).height).toBe(333);
  });

  it("splits the state from the options, and quotes the iframe's src", () => {
    expect(splitFragment("#v1.abc&tab=x")).toEqual({ state: "#v1.abc", options: "&tab=x" });
    expect(splitFragment("#v1.abc")).toEqual({ state: "#v1.abc", options: "" });
    expect(embedCode("https://x.test", "", '#v1.a"b')).toContain(
      'src="https://x.test/embed#v1.a&quot;b"',
    );
  });
});

/** A location/history pair the persister writes through, and a Map as storage. */
function fakeWindow(hash = "") {
  const location = { hash, pathname: "/", search: "" };
  const history = {
    replaceState(_: unknown, __: string, url?: string | URL | null) {
      location.hash = String(url).slice(String(url).indexOf("#"));
    },
  };
  const map = new Map<string, string>();
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
  return { location, history, storage, map };
}

describe("persistence", () => {
  it("flush writes the fragment (keeping the options) and the draft", async () => {
    const w = fakeWindow("#v1.old&tab=timeline");
    const state = defaultState();
    state.context.domain = "written.example";
    const hash = await persister(w, () => state, "&tab=timeline").flush();
    expect(hash).toBe(w.location.hash);
    expect(hash.endsWith("&tab=timeline")).toBe(true);
    const decoded = await decodeState(splitFragment(hash).state);
    expect(decoded.ok && decoded.state.context.domain).toBe("written.example");
    expect(JSON.parse(w.map.get(DRAFT_KEY) ?? "{}").hash).toBe(hash);
  });

  it("the draft opens on a bare URL or on the fragment it was saved over, not on another link", async () => {
    const state = defaultState();
    state.context.domain = "draft.example";
    const w = fakeWindow(await encodeState(defaultState()));
    persister(w, () => state).saveDraft();
    expect((await readDraft(w))?.context.domain).toBe("draft.example");
    expect((await readDraft({ ...w, location: { ...w.location, hash: "" } }))?.context.domain).toBe(
      "draft.example",
    );
    expect(await readDraft({ ...w, location: { ...w.location, hash: "#v1.other" } })).toBeNull();
  });

  it("a damaged or refused storage is no draft, never a throw", async () => {
    const w = fakeWindow();
    w.map.set(DRAFT_KEY, "{not json");
    expect(await readDraft(w)).toBeNull();
    w.map.set(DRAFT_KEY, JSON.stringify({ hash: "", state: { config: 42 } }));
    expect(await readDraft(w)).toBeNull();
    const refusing = {
      ...w,
      storage: {
        getItem: () => {
          throw new Error("denied");
        },
        setItem: () => {
          throw new Error("denied");
        },
      },
    };
    expect(await readDraft(refusing)).toBeNull();
    expect(() => persister(refusing, defaultState).saveDraft()).not.toThrow();
  });
});
