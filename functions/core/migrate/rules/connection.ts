/**
 * Connection strategies (spec stalwart-strategy.md §6, M3, M4, M9): `source-ip.v4` ×
 * `source-ip.v6` × `hostname` × the six connection timeouts become the connection
 * selector (evaluated per remote IP with HOST variables, a superset of the MX and SENDER
 * sets these keys use) and one `[queue.connection.<id>]` per distinct combination: the two
 * address lists joined (v0.13+ splits one list by family), the EHLO name as a plain name.
 * The default `config_get('server.hostname')` — or any name equal to the server's — is
 * no override: v0.13+ falls back to the server's name by itself.
 */
import { MACHINE_HOSTNAME } from "../../config/server-hostname";
import { SETTINGS } from "../../config/settings";
import { TRANSPORT_SETTINGS } from "../../config/settings-transport";
import { type ChoiceSources, choicesOf } from "../choices";
import { MigrateCode } from "../codes";
import { mapChoices, Names, productOf, select } from "../selector";
import type { ConnectionDef, ConnectionTimeouts, Selector } from "../types";

type ConnectionDraft = Omit<ConnectionDef, "name" | "origins">;

export interface Connections {
  readonly selector: Selector;
  readonly connections: readonly ConnectionDef[];
}

export function migrateConnections(sources: ChoiceSources, serverName: string): Connections {
  const t = TRANSPORT_SETTINGS;
  const ehlo = mapChoices(choicesOf(SETTINGS.hostname, sources), (name) => {
    if (name === serverName) return null;
    // An empty name makes Stalwart v0.12 say `local.host` (delivery.rs).
    if (name === "") return "local.host";
    if (!name.includes(MACHINE_HOSTNAME)) return name;
    sources.notes.push({
      severity: "error",
      code: MigrateCode.ValueNotStatic,
      message: `queue.outbound.hostname builds the EHLO name from the machine's hostname (${name}), which no config names: write the name out in ehlo-hostname; the migration leaves it to the server's name`,
      key: SETTINGS.hostname.key,
    });
    return null;
  });
  const timeouts = productOf<ConnectionTimeouts>("connection", {
    connect: choicesOf(t.timeoutConnect, sources),
    greeting: choicesOf(t.timeoutGreeting, sources),
    ehlo: choicesOf(t.timeoutEhlo, sources),
    mailFrom: choicesOf(t.timeoutMailFrom, sources),
    rcptTo: choicesOf(t.timeoutRcptTo, sources),
    data: choicesOf(t.timeoutData, sources),
  });
  const drafts = productOf<{
    v4: readonly string[];
    v6: readonly string[];
    ehlo: string | null;
    timeouts: ConnectionTimeouts;
  }>("connection", {
    v4: choicesOf(SETTINGS.sourceIpV4, sources),
    v6: choicesOf(SETTINGS.sourceIpV6, sources),
    ehlo,
    timeouts,
  });
  const names = new Names();
  const { selector, defs } = select(
    "connection",
    mapChoices(
      drafts,
      (d): ConnectionDraft => ({
        sourceIps: [...d.v4, ...d.v6],
        ehlo: d.ehlo,
        timeouts: d.timeouts,
      }),
    ),
    (d) => JSON.stringify(d),
    (_d, isElse) => names.take(isElse ? "default" : "connection"),
  );
  return {
    selector,
    connections: defs.map(({ name, value, origins }) => ({ ...value, name, origins })),
  };
}
