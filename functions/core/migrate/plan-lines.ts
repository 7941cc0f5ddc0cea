/**
 * The v0.16 objects as an NDJSON plan for `stalwart-cli apply` (stalwartlabs/cli
 * src/commands/apply.rs): one line per object type. Collections are `upsert` lines matched
 * on `name`, so applying the plan to a running v0.16 updates the objects Stalwart created
 * at first start (its `mx` route, `default` connection, …) instead of failing on their
 * names, and leaves other objects alone; the singletons are `update` lines. (Earlier
 * `stalwart-cli snapshot` releases wrote `destroy` + `create` lines, which wipe every other
 * object of those types, src/commands/snapshot.rs @f088353; current ones write `upsert`
 * with `matchOn`, tests/snapshot_e2e.rs @7632f24, as spec §3.3 shows.)
 * Client ids are `<type in lower case>-<name>`, as `snapshot` builds them from server ids.
 */
import type { RegistryObjects } from "./registry-objects";
import type { Written } from "./toml-writer";

type Collection = "MtaRoute" | "MtaConnectionStrategy" | "MtaTlsStrategy" | "MtaDeliverySchedule";

/** Each collection, with the subject its objects' places are recorded under. */
const COLLECTIONS: readonly (readonly [Collection, string])[] = [
  ["MtaRoute", "route"],
  ["MtaConnectionStrategy", "connection"],
  ["MtaTlsStrategy", "tls"],
  ["MtaDeliverySchedule", "schedule"],
];

export function writePlan(objects: RegistryObjects): Written {
  let text = "";
  const places = new Map<string, number>();
  for (const [type, subject] of COLLECTIONS) {
    const list: readonly { readonly name: string }[] = objects[type];
    if (list.length === 0) continue;
    text += `{"@type":"upsert","object":"${type}","matchOn":["name"],"value":{`;
    list.forEach((o, i) => {
      if (i > 0) text += ",";
      places.set(`${subject}:${o.name}`, text.length);
      text += `${JSON.stringify(`${type.toLowerCase()}-${o.name}`)}:${JSON.stringify(o)}`;
    });
    text += "}}\n";
  }
  text += `{"@type":"update","object":"MtaOutboundStrategy","value":{`;
  Object.entries(objects.MtaOutboundStrategy).forEach(([selector, value], i) => {
    if (i > 0) text += ",";
    places.set(`selector:${selector}`, text.length);
    text += `${JSON.stringify(selector)}:${JSON.stringify(value)}`;
  });
  text += "}}\n";
  if (objects.SystemSettings !== undefined) {
    const value = JSON.stringify(objects.SystemSettings);
    text += `{"@type":"update","object":"SystemSettings","value":${value}}\n`;
  }
  return { text, places };
}
