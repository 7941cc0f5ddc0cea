/**
 * The v0.16 input shapes users have in hand (spec stalwart-strategy.md §3.3) → the registry
 * objects they hold, each with its type, name and node:
 * - `stalwart-cli snapshot`/`apply` plan lines, one JSON value per line (NDJSON):
 *   `{"@type":"create"|"upsert","object":"MtaRoute","value":{"<client id>":{…}}}`,
 *   `{"@type":"update","object":"MtaOutboundStrategy","value":{…}}` (a singleton, or with
 *   `"id":"#<client id>"` an object created above), `{"@type":"destroy",…}` (nothing to do:
 *   the text holds every object there is) — stalwartlabs/cli src/commands/{snapshot,apply}.rs;
 * - one object (`stalwart-cli get … --json`), or an array of objects (the docs);
 * - a JMAP response: the `methodResponses` envelope of `x:<Type>/get` calls, or one call's
 *   arguments (`{"list":[…]}`).
 * Several of these may follow one another. Objects of types the plan does not read are
 * skipped (a whole snapshot can be pasted); a bare object's type is told from its fields.
 */
import type { Diagnostic } from "../../errors";
import { ModelCode } from "../codes";
import { type JsonDocument, parseJsonValues } from "../json/parse";
import { excerpt, type JsonNode, type JsonObject, member, memberString } from "../json/tree";
import { didYouMean } from "../suggest";
import { type InputObject, ObjectCollector } from "./input-objects";
import {
  closestTypeName,
  inferType,
  isStalwartObject,
  type RegistryType,
  registryType,
} from "./object-type";

export type { InputObject } from "./input-objects";

export interface RegistryInput {
  readonly objects: readonly InputObject[];
  readonly diagnostics: readonly Diagnostic[];
}

const PLAN_OPERATIONS = new Set(["create", "upsert", "update", "destroy"]);

/** `doc`: the text already parsed, if it was. */
export function readRegistryInput(
  text: string,
  doc: JsonDocument = parseJsonValues(text),
): RegistryInput {
  const reader = new InputReader(text);
  for (const value of doc.values) {
    if (value.kind === "array") for (const item of value.items) reader.item(item);
    else reader.item(value);
  }
  return {
    objects: reader.out.objects,
    diagnostics: [...doc.diagnostics, ...reader.out.diagnostics],
  };
}

class InputReader {
  readonly out = new ObjectCollector();

  constructor(private readonly text: string) {}

  item(node: JsonNode): void {
    if (node.kind !== "object") {
      this.out.report(
        "error",
        ModelCode.InputShape,
        node,
        `Expected a registry object, a plan line, a JMAP response or an array of them; found ${excerpt(this.text, node)}`,
      );
      return;
    }
    const tag = memberString(node, "@type");
    if (member(node, "methodResponses") !== undefined) this.jmapEnvelope(node);
    else if (tag !== undefined && memberString(node, "object") !== undefined)
      this.planLine(node, tag);
    else if (tag !== undefined && PLAN_OPERATIONS.has(tag)) {
      this.out.report(
        "error",
        ModelCode.InputShape,
        node,
        `A plan line needs "object", the type it applies to; skipped`,
      );
    } else if (member(node, "list")?.value.kind === "array") this.list(node);
    else this.bare(node);
  }

  /** A bare object: its type told from its fields. */
  private bare(node: JsonObject): void {
    const found = inferType(node);
    if ("type" in found) this.out.add(found.type, node);
    else if ("foreignTag" in found) {
      this.out.report(
        "info",
        ModelCode.IgnoredObjectType,
        node,
        `An object of "@type" "${found.foreignTag}" is not one the outbound plan reads (routes are "Mx", "Relay" or "Local"); skipped. Stalwart v0.16 keeps its settings in the registry: \`stalwart-cli snapshot MtaOutboundStrategy MtaRoute MtaConnectionStrategy MtaTlsStrategy\` prints them`,
      );
    } else {
      const fits =
        found.candidates.length > 0
          ? `its fields fit ${found.candidates.join(" and ")}`
          : "its fields belong to none of the objects the outbound plan reads";
      this.out.report(
        "error",
        ModelCode.AmbiguousObjectType,
        node,
        `Cannot tell which registry object this is: ${fits}. Give it as a plan line ({"@type":"create","object":"<type>","value":{"a":{…}}}) or add a field only its type has; skipped`,
      );
    }
  }

  /** A type name from a plan line or a JMAP method: the plan's type, or a diagnostic. */
  private type(name: string, at: JsonNode): RegistryType | undefined {
    const type = registryType(name);
    if (type !== undefined) return type;
    if (isStalwartObject(name)) {
      this.out.report(
        "info",
        ModelCode.IgnoredObjectType,
        at,
        `${name} objects are not read by the outbound plan; skipped`,
      );
    } else {
      const near = closestTypeName(name);
      const hint = near === undefined ? "" : didYouMean(name, [near]);
      this.out.report(
        "error",
        ModelCode.UnknownObjectType,
        at,
        `Stalwart v0.16 has no object type "${name}"${hint}; skipped`,
      );
    }
    return undefined;
  }

  private planLine(node: JsonObject, op: string): void {
    const objectName = member(node, "object");
    const name = memberString(node, "object") ?? "";
    if (!PLAN_OPERATIONS.has(op)) {
      this.out.report(
        "warning",
        ModelCode.PlanOperation,
        member(node, "@type")?.value ?? node,
        `Plan line "@type" "${op}" is not an operation stalwart-cli applies (create, upsert, update, destroy); skipped`,
      );
      return;
    }
    if (op === "destroy") return;
    const type = this.type(name, objectName?.value ?? node);
    const value = member(node, "value")?.value;
    if (type === undefined) return;
    if (value?.kind !== "object") {
      this.out.report(
        "error",
        ModelCode.InputShape,
        value ?? node,
        `A plan line's "value" must be an object; found ${value === undefined ? "none" : excerpt(this.text, value)}`,
      );
      return;
    }
    if (op === "update") this.out.update(type, value, memberString(node, "id"), node);
    else for (const m of value.members) this.entry(type, m.value, m.key.replace(/^#/, ""));
  }

  private entry(type: RegistryType, node: JsonNode, clientId?: string): void {
    if (node.kind === "object") this.out.add(type, node, clientId);
    else
      this.out.report(
        "error",
        ModelCode.InputShape,
        node,
        `Expected a ${type} object; found ${excerpt(this.text, node)}`,
      );
  }

  private jmapEnvelope(node: JsonObject): void {
    const responses = member(node, "methodResponses")?.value;
    if (responses?.kind !== "array") {
      this.out.report(
        "error",
        ModelCode.JmapResponse,
        responses ?? node,
        `"methodResponses" must be an array of [name, arguments, call id]`,
      );
      return;
    }
    for (const call of responses.items) {
      const [nameNode, args] = call.kind === "array" ? call.items : [];
      const method = nameNode?.kind === "string" ? nameNode.value : undefined;
      const get = method === undefined ? null : /^(.+)\/get$/.exec(method);
      if (method === "error") {
        const detail =
          memberString(args, "description") ?? memberString(args, "type") ?? "no detail";
        this.out.report(
          "error",
          ModelCode.JmapResponse,
          call,
          `The JMAP response holds an error: ${detail}`,
        );
      } else if (get?.[1] === undefined || args?.kind !== "object") {
        this.out.report(
          "info",
          ModelCode.JmapResponse,
          call,
          `Only "…/get" responses are read; ${method ?? "this item"} is skipped`,
        );
      } else {
        const type = this.type(get[1], nameNode ?? call);
        const list = member(args, "list")?.value;
        if (type !== undefined && list?.kind === "array")
          for (const o of list.items) this.entry(type, o);
      }
    }
  }

  /** A `…/get` response's arguments given alone: `{"accountId":…,"list":[…]}`. */
  private list(node: JsonObject): void {
    const list = member(node, "list")?.value;
    if (list?.kind === "array") for (const item of list.items) this.item(item);
  }
}
