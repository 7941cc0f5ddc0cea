/**
 * One registry object node → its validated value, with a diagnostic for everything
 * Stalwart would refuse, placed on the field (or list entry, or key) it is about. What
 * Stalwart refuses never throws here: a refused field takes its default (as Stalwart's
 * boot falls back to a field's default), a refused source-IP entry is skipped, an unknown
 * field is ignored, and only an object without what identifies it (a `name`, a route's
 * `@type`, a schedule's `queueId`, a relay's `address`) is skipped whole.
 *
 * The zod schemas do all checking; the value is re-parsed after each round of fallbacks,
 * which removes at least one refused thing per round.
 */
import type * as z from "zod/mini";
import type { Diagnostic } from "../../errors";
import { ENGLISH, shown } from "../../zod-english";
import { ModelCode } from "../codes";
import { type JsonNode, type JsonObject, member, nodeAt } from "../json/tree";
import { didYouMean } from "../suggest";
import { STALWART } from "./fields";
import type { InputObject } from "./input-objects";

type Issue = z.core.$ZodIssue;
type Plain = Record<string, unknown>;

/** Lists whose entries are read one by one: a refused entry is skipped, not the list. */
const ENTRY_LISTS = new Set(["sourceIps"]);

export interface Validated<V> {
  readonly value: V;
  /** Top-level fields whose value is the default: absent, or refused. */
  readonly defaulted: ReadonlySet<string>;
}

export interface ValidationContext {
  /** The object's fields (a route's: its variant's), for defaults and "did you mean". */
  readonly shape: Readonly<Record<string, z.ZodMiniType>>;
  /** Added to the message when the object is skipped (e.g. which `@type` to add). */
  readonly hint?: string;
}

/** The plain value with every array as the registry writes lists: keyed "0", "1", …. */
export function registryPlain(node: JsonNode): unknown {
  if (node.kind === "object")
    return Object.fromEntries(node.members.map((m) => [m.key, registryPlain(m.value)]));
  if (node.kind === "array")
    return Object.fromEntries(node.items.map((v, i) => [String(i), registryPlain(v)]));
  return node.value;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null;
}

/** zod's union issues point at the branch that matched the input's shape: follow it. */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      const branch = issue.errors.find(
        (b) => !b.some((i) => i.path.length === 0 && i.code === "invalid_type"),
      );
      if (branch !== undefined) return flatten(branch, path);
    }
    if (issue.code === "invalid_key") return flatten(issue.issues, path);
    return [{ ...issue, path }];
  });
}

const MAX_ROUNDS = 16;

export function validateObject<S extends z.ZodMiniType>(
  input: InputObject,
  schema: S,
  context: ValidationContext,
  out: Diagnostic[],
): Validated<z.output<S>> | undefined {
  const registry = registryPlain(input.object);
  if (!isPlain(registry)) return undefined;
  const plain: Plain = registry;
  const round = new Round(input, context, plain, out);
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const result = schema.safeParse(plain, ENGLISH);
    if (result.success) {
      const defaulted = Object.keys(context.shape).filter((k) => k !== "id" && !(k in plain));
      return { value: result.data, defaulted: new Set(defaulted) };
    }
    if (!round.apply(flatten(result.error.issues))) return undefined;
  }
  return undefined;
}

class Round {
  constructor(
    private readonly input: InputObject,
    private readonly target: ValidationContext,
    private readonly plain: Plain,
    private readonly out: Diagnostic[],
  ) {}

  /** Applies the fallback of each issue; false when the object is skipped. */
  apply(issues: readonly Issue[]): boolean {
    for (const issue of issues) {
      if (issue.code === "unrecognized_keys") this.unknownKeys(issue.path, issue.keys);
      else if (!this.refused(issue)) return false;
    }
    return issues.length > 0;
  }

  private unknownKeys(path: readonly PropertyKey[], keys: readonly string[]): void {
    const container = this.at(path);
    const node = nodeAt(this.input.object, path);
    const known = path.length === 0 ? Object.keys(this.target.shape) : [];
    for (const key of keys) {
      const m = member(node, key);
      this.diagnose(
        "warning",
        ModelCode.UnknownField,
        [...path, key],
        m === undefined ? node : { start: m.keyStart, end: m.keyEnd },
        `${this.where(path)} has no field "${key}"${didYouMean(key, known)} (Stalwart: "${STALWART.property}"); the playground ignores it`,
      );
      if (container !== undefined) delete container[key];
    }
  }

  /** A refused value: its fallback, or false when the object must be skipped. */
  private refused(issue: Issue): boolean {
    const [field, entry, entryField] = issue.path.map(String);
    const node = nodeAt(this.input.object, issue.path);
    const list = field === undefined ? undefined : this.at([field]);
    if (
      field !== undefined &&
      ENTRY_LISTS.has(field) &&
      entry !== undefined &&
      list !== undefined
    ) {
      const item = list[entry];
      if (entryField !== undefined && isPlain(item) && entryField !== "sourceIp") {
        delete item[entryField];
        return this.fallback(issue, node, `the playground reads the entry without ${entryField}`);
      }
      delete list[entry];
      return this.fallback(issue, node, "the playground skips this entry");
    }
    const schema = field === undefined ? undefined : this.target.shape[field];
    const fallback = schema?.safeParse(undefined);
    if (field === undefined || !fallback?.success) {
      const hint = this.target.hint === undefined ? "" : `; ${this.target.hint}`;
      this.diagnose(
        "error",
        ModelCode.InvalidObject,
        issue.path,
        node,
        `${this.where(issue.path)}: ${issue.message}. Stalwart refuses the object${hint}; the playground skips it`,
      );
      return false;
    }
    delete this.plain[field];
    return this.fallback(issue, node, `the playground uses the default, ${shown(fallback.data)}`);
  }

  private fallback(issue: Issue, node: JsonNode | undefined, consequence: string): boolean {
    this.diagnose(
      "error",
      ModelCode.InvalidField,
      issue.path,
      node,
      `${this.where(issue.path)}: ${issue.message}. Stalwart refuses this value; ${consequence}`,
    );
    return true;
  }

  /** The plain object at `path`, if there is one. */
  private at(path: readonly PropertyKey[]): Plain | undefined {
    let current: unknown = this.plain;
    for (const step of path) current = isPlain(current) ? current[String(step)] : undefined;
    return isPlain(current) ? current : undefined;
  }

  private where(path: readonly PropertyKey[]): string {
    return [this.input.key, ...path.map(String)].join(".");
  }

  private diagnose(
    severity: Diagnostic["severity"],
    code: string,
    path: readonly PropertyKey[],
    node: { start: number; end: number } | undefined,
    message: string,
  ): void {
    const at = node ?? this.nearest(path);
    this.out.push({ severity, code, message, key: this.where(path), start: at.start, end: at.end });
  }

  /** The opening of the deepest node of `path` that exists (for a missing field). */
  private nearest(path: readonly PropertyKey[]): { start: number; end: number } {
    let found: JsonObject | JsonNode = this.input.object;
    for (let i = path.length - 1; i >= 0; i--) {
      const node = nodeAt(this.input.object, path.slice(0, i));
      if (node !== undefined) {
        found = node;
        break;
      }
    }
    return { start: found.start, end: found.start + 1 };
  }
}
