/**
 * Every real-style ≤ v0.12 config of the corpus (test/fixtures/configs/) migrates to both
 * targets: the v0.13 TOML is read alike by Stalwart's parser and a standard TOML parser and
 * holds no ≤ v0.12 key, the v0.16 plan loads without an error, and every outbound key of
 * the input is carried over or named in a note.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SETTING_LIST } from "../../../functions/core/config/settings";
import { TRANSPORT_SETTINGS } from "../../../functions/core/config/settings-transport";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { post } from "../../support/api";
import { planLines, tomlKeys } from "./helpers";

const ROOT = new URL("../../fixtures/configs/", import.meta.url);
const FILES = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".toml"))
  .sort();

const OUTBOUND = /^(queue\.outbound\.|queue\.schedule\.|remote\.)/;

const SETTING_KEYS = [...SETTING_LIST, ...Object.values(TRANSPORT_SETTINGS)].map((s) => s.key);

/** The setting a key belongs to, or for a relay field the relay's address key. */
function ownerOf(key: string): string {
  const setting = SETTING_KEYS.find((s) => key === s || key.startsWith(`${s}.`));
  if (setting !== undefined) return setting;
  const relay =
    /^remote\.(.+)\.(address|port|protocol|auth\.username|auth\.secret|tls\.implicit|tls\.allow-invalid-certs)$/.exec(
      key,
    );
  return relay ? `remote.${relay[1]}.address` : key;
}

describe("the corpus migrates", () => {
  it.each(FILES)("%s", async (file) => {
    const config = readFileSync(new URL(file, ROOT), "utf8");
    for (const target of ["v0.13", "v0.16"] as const) {
      const res = await post("/api/migrate", { config, target });
      const body = (await res.json()) as {
        config: string;
        notes: { key?: string }[];
        error?: { code: string };
      };
      if (res.status !== 200) {
        // Only what Stalwart itself refuses to start on.
        expect(body.error?.code).toBe("toml_syntax");
        continue;
      }
      if (target === "v0.13") {
        expect(
          [...tomlKeys(body.config).keys()].filter(
            (k) => OUTBOUND.test(k) && !k.startsWith("queue.schedule."),
          ),
        ).toEqual([]);
      } else {
        planLines(body.config);
      }
      // Each outbound key written in the input is named where the output says what it was
      // made from (TOML comments, v0.16 descriptions), by its setting or relay, or in a note.
      const input = loadConfig(config.endsWith("\n") ? config : `${config}\n`);
      const noted = new Set(body.notes.map((n) => n.key));
      for (const key of input.keys.filter((k) => OUTBOUND.test(k))) {
        const named = body.config.includes(`${ownerOf(key)} (line `);
        expect(named || noted.has(key), `${file} ${target}: ${key}`).toBe(true);
      }
    }
  });
});
