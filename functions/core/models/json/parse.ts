/**
 * Text → the top-level JSON values it holds, each as a positioned tree (tree.ts). jsonc-parser
 * does the parsing; a value it reports an error in is skipped with a `json_syntax`
 * diagnostic, so nothing is ever read from a half-parsed value.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { Diagnostic } from "../../errors";
import { count, LIMITS, limitMessage } from "../../limits";
import { utf8Exceeds, utf8Length } from "../../utf8";
import { ModelCode } from "../codes";
import { type JsonSegment, splitJsonValues } from "./split";
import { type JsonMember, type JsonNode, JsonString } from "./tree";

/**
 * Deepest nesting read. The deepest input shape (a JMAP envelope holding an expression's
 * list entry) nests 8 levels; the limit keeps jsonc-parser's recursion short whatever the
 * text is.
 */
export const JSON_DEPTH_LIMIT = 32;

export interface JsonDocument {
  readonly text: string;
  /** The top-level values that parsed, in text order. */
  readonly values: readonly JsonNode[];
  readonly diagnostics: readonly Diagnostic[];
}

const PARSE_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: "an unexpected symbol",
  InvalidNumberFormat: "a malformed number",
  PropertyNameExpected: "no property name where one was expected (a trailing comma?)",
  ValueExpected: "no value where one was expected (a trailing comma?)",
  ColonExpected: 'no ":" after a property name',
  CommaExpected: 'no "," between two members',
  CloseBraceExpected: 'no "}" to close an object',
  CloseBracketExpected: 'no "]" to close an array',
  EndOfFileExpected: "more text after the value",
  UnexpectedEndOfString: "a string with no closing quote",
  InvalidUnicode: "a malformed \\u escape",
  InvalidEscapeCharacter: "an escape JSON does not have",
  InvalidCharacter: "a control character inside a string",
};

export function parseJsonValues(text: string): JsonDocument {
  const diagnostics: Diagnostic[] = [];
  if (utf8Exceeds(text, LIMITS.configBytes)) {
    diagnostics.push({
      severity: "error",
      code: ModelCode.ConfigLimit,
      message: limitMessage(
        `The config is ${count(utf8Length(text))} bytes of UTF-8`,
        LIMITS.configBytes,
        "bytes",
      ),
      start: 0,
      end: 0,
    });
    return { text, values: [], diagnostics };
  }
  const { segments, comments } = splitJsonValues(text);
  const first = comments[0];
  if (first !== undefined) {
    diagnostics.push({
      severity: "warning",
      code: ModelCode.JsonComment,
      message: `JSON has no comments: Stalwart's JSON readers (the CLI's apply, JMAP) refuse this text; the playground reads past ${comments.length === 1 ? "it" : `all ${comments.length}`}`,
      start: first.start,
      end: first.end,
    });
  }
  const values: JsonNode[] = [];
  for (const segment of segments) {
    const node = parseSegment(text, segment, diagnostics);
    if (node !== undefined) values.push(node);
  }
  return { text, values, diagnostics };
}

function parseSegment(text: string, seg: JsonSegment, out: Diagnostic[]): JsonNode | undefined {
  if (seg.depth > JSON_DEPTH_LIMIT) {
    out.push({
      severity: "error",
      code: ModelCode.JsonTooDeep,
      message: `JSON nested too deep: at most ${JSON_DEPTH_LIMIT} levels read, found ${seg.depth}; the value is skipped`,
      start: seg.start,
      end: seg.end,
    });
    return undefined;
  }
  const source = text.slice(seg.start, seg.end);
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: false });
  const error = errors[0];
  if (error !== undefined || root === undefined) {
    const name = error === undefined ? "ValueExpected" : printParseErrorCode(error.error);
    const at = seg.start + (error?.offset ?? 0);
    out.push({
      severity: "error",
      code: ModelCode.JsonSyntax,
      message: `JSON syntax error: ${PARSE_ERRORS[name] ?? name}; the value is skipped`,
      start: at,
      end: at + Math.max(1, error?.length ?? 0),
    });
    return undefined;
  }
  return new Converter(text, seg.start, out).node(root);
}

/** jsonc-parser's nodes (offsets into the segment) → positioned nodes (offsets into the text). */
class Converter {
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly out: Diagnostic[],
  ) {}

  node(n: Node): JsonNode {
    const start = this.base + n.offset;
    const end = start + n.length;
    const value: unknown = n.value;
    switch (n.type) {
      case "object":
        return { kind: "object", start, end, members: this.members(n.children ?? []) };
      case "array":
        return { kind: "array", start, end, items: (n.children ?? []).map((c) => this.node(c)) };
      case "string":
        return this.string(typeof value === "string" ? value : "", start, end);
      case "number":
        return { kind: "number", start, end, value: typeof value === "number" ? value : 0 };
      case "boolean":
        return { kind: "boolean", start, end, value: value === true };
      default:
        return { kind: "null", start, end, value: null };
    }
  }

  private members(properties: readonly Node[]): JsonMember[] {
    const seen = new Set<string>();
    const members: JsonMember[] = [];
    for (const p of properties) {
      const [keyNode, valueNode] = p.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const key = String(keyNode.value);
      const keyStart = this.base + keyNode.offset;
      const keyEnd = keyStart + keyNode.length;
      if (seen.has(key)) {
        this.out.push({
          severity: "warning",
          code: ModelCode.JsonDuplicateKey,
          message: `Key "${key}" appears twice in this object: JSON readers, Stalwart's included, keep the last one`,
          start: keyStart,
          end: keyEnd,
        });
      }
      seen.add(key);
      members.push({ key, keyStart, keyEnd, value: this.node(valueNode) });
    }
    return members;
  }

  /** A string token and, when it has escapes, the source offset of each decoded unit. */
  private string(value: string, start: number, end: number): JsonString {
    const close = end - 1;
    if (!this.text.slice(start, end).includes("\\")) return new JsonString(value, start, end);
    const offsets: number[] = [];
    let i = start + 1;
    while (i < close && offsets.length < value.length) {
      offsets.push(i);
      if (this.text[i] !== "\\") i++;
      else i += this.text[i + 1] === "u" ? 6 : 2;
    }
    offsets.push(close);
    return new JsonString(value, start, end, offsets);
  }
}
