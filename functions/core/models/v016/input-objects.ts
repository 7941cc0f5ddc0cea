/**
 * Collects the registry objects read from the input, as Stalwart would hold them after
 * applying it: one object per name and type (names are unique: `i.unique(Property::Name…)`
 * in each `index()` of structs_impl.rs), one of each singleton, and `update` plan lines
 * applied to the object they name (top-level fields replaced, as a JMAP `…/set` update does).
 */
import type { Diagnostic } from "../../errors";
import { ModelCode } from "../codes";
import type { JsonMember, JsonObject, JsonSpan } from "../json/tree";
import { memberString } from "../json/tree";
import { isSingleton, type RegistryType } from "./object-type";

export interface InputObject {
  readonly type: RegistryType;
  /** The `name` as written, when it is a string (singletons have none). */
  readonly name: string | undefined;
  /** The object node; for an object patched by `update` lines, its fields from each. */
  readonly object: JsonObject;
  /** Where the object was first given. */
  readonly range: JsonSpan;
  /** Readable key for diagnostics: `MtaRoute[smarthost]`, `MtaOutboundStrategy`. */
  readonly key: string;
}

/** An `update` replaces the fields it gives and keeps the others. */
function patched(base: JsonObject, patch: JsonObject): JsonObject {
  const replaced = new Set(patch.members.map((m) => m.key));
  const members: JsonMember[] = [
    ...base.members.filter((m) => !replaced.has(m.key)),
    ...patch.members,
  ];
  return { kind: "object", start: base.start, end: base.end, members };
}

export class ObjectCollector {
  readonly objects: InputObject[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly byName = new Map<string, number>();
  private readonly byClientId = new Map<string, number>();
  private readonly singletons = new Map<RegistryType, number>();

  /** Adds an object; `clientId` is its key in a plan's `create` value (for later updates). */
  add(type: RegistryType, object: JsonObject, clientId?: string): void {
    if (isSingleton(type)) {
      if (this.singletons.has(type)) {
        this.warn(
          ModelCode.DuplicateSingleton,
          object,
          `A second ${type} object: Stalwart has exactly one (a singleton); the playground reads the first and skips this one (to change it, use an "update" plan line)`,
        );
        return;
      }
      this.singletons.set(type, this.push(type, object, undefined));
      return;
    }
    const name = memberString(object, "name");
    const nameKey = `${type}\u0000${name}`;
    const earlier = name === undefined ? undefined : this.byName.get(nameKey);
    if (earlier !== undefined) {
      this.warn(
        ModelCode.DuplicateName,
        object,
        `A second ${type} named "${name}": names are unique, so Stalwart refuses to create it; the playground reads the first one and skips this one`,
      );
      return;
    }
    const index = this.push(type, object, name);
    if (name !== undefined) this.byName.set(nameKey, index);
    if (clientId !== undefined) this.byClientId.set(`${type}\u0000${clientId}`, index);
  }

  /** An `update` line: a singleton's fields, or the object created as `#clientId`. */
  update(type: RegistryType, value: JsonObject, id: string | undefined, at: JsonSpan): void {
    const index = isSingleton(type)
      ? this.singletons.get(type)
      : id?.startsWith("#")
        ? this.byClientId.get(`${type}\u0000${id.slice(1)}`)
        : undefined;
    if (index === undefined && isSingleton(type)) {
      this.add(type, value);
      return;
    }
    const target = index === undefined ? undefined : this.objects[index];
    if (index === undefined || target === undefined) {
      this.warn(
        ModelCode.PlanUpdateTarget,
        at,
        id === undefined
          ? `This update of ${type} names no object ("id" is missing): it is skipped`
          : `This update names ${type} "${id}", which no earlier "create" line of the text makes (an "id" of "#<key>" names one): it is skipped`,
      );
      return;
    }
    this.objects[index] = { ...target, object: patched(target.object, value) };
  }

  private push(type: RegistryType, object: JsonObject, name: string | undefined): number {
    const key = isSingleton(type) ? type : `${type}[${name ?? `#${this.objects.length + 1}`}]`;
    this.objects.push({ type, name, object, range: { start: object.start, end: object.end }, key });
    return this.objects.length - 1;
  }

  warn(code: string, at: JsonSpan, message: string): void {
    this.diagnostics.push({ severity: "warning", code, message, start: at.start, end: at.end });
  }

  report(severity: Diagnostic["severity"], code: string, at: JsonSpan, message: string): void {
    this.diagnostics.push({ severity, code, message, start: at.start, end: at.end });
  }
}
