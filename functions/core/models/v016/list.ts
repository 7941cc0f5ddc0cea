/**
 * Registry lists (`List<T>`, crates/registry/src/types/list.rs @v0.16.18:151-158): a JSON
 * object keyed by `u32` numbers, read in key order (`sort_unstable_by_key`), a repeated
 * key replacing the earlier entry (`VecMap::set`). The docs write them as JSON arrays,
 * which Stalwart refuses ("Invalid value for object property"); the playground reads an
 * array in its order and says so (`registry_list_as_array`).
 *
 * The same ordering serves the plain values (zod) and the positioned nodes, so entry i of
 * a validated list is entry i of `listNodes` over its node.
 */
import * as z from "zod/mini";
import type { JsonNode } from "../json/tree";
import { refusal, STALWART } from "./fields";

const U32_MAX = 4_294_967_295;

/** Rust's `str::parse::<u32>()`: an optional `+`, then decimal digits, at most u32::MAX. */
export function listKey(key: string): number | undefined {
  if (!/^\+?\d+$/.test(key)) return undefined;
  const n = Number(key);
  return n <= U32_MAX ? n : undefined;
}

/** Entries in Stalwart's order: by numeric key, the last of equal keys kept. */
export function orderList<T>(entries: readonly (readonly [string, T])[]): T[] {
  const byKey = new Map<number, T>();
  for (const [key, value] of entries) {
    const n = listKey(key);
    if (n !== undefined) byKey.set(n, value);
  }
  return [...byKey.entries()].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

export interface ListEntryNode {
  /** The entry's key as written ("0", "1", …), or its index in an array. */
  readonly key: string;
  readonly node: JsonNode;
}

/** The entries of a list node, in the order the validated list has them. */
export function listNodes(node: JsonNode | undefined): ListEntryNode[] {
  if (node?.kind === "array") return node.items.map((item, i) => ({ key: String(i), node: item }));
  if (node?.kind !== "object") return [];
  return orderList(node.members.map((m) => [m.key, { key: m.key, node: m.value }] as const));
}

const LIST_EXPECTS = 'a list (an object keyed "0", "1", …, or an array)';

/** A registry list of `item`: the registry's keyed object, or an array; ordered as Stalwart. */
export function list<T extends z.ZodMiniType>(item: T) {
  const key = z.string().check(
    z.regex(/^\+?\d+$/, {
      error: (iss) => refusal('a list key ("0", "1", …)', iss.input, STALWART.listKey),
    }),
  );
  const given = z.union([z.array(item), z.record(key, item)], {
    error: (iss) => refusal(LIST_EXPECTS, iss.input, STALWART.listValue),
  });
  return z.pipe(
    given,
    z.transform((value: z.output<typeof given>) =>
      Array.isArray(value) ? value : orderList(Object.entries(value)),
    ),
  );
}
