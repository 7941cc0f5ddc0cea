/** A build plugin of web/vite.config.ts (see the comment on OPTION_SCHEMAS). */
import type { Plugin } from "vite";

/**
 * Monaco's editor options (editor/common/config/editorOptions.js, 102 KB minified, and
 * editorConfigurationSchema.js) carry a JSON schema for each option whose description,
 * markdownDescription, enumDescriptions and markdownEnumDescriptions are written for VS
 * Code's settings editor: ~40 KB of prose every cold load compiles before the editor is
 * ready. The standalone editor registers the schemas with its configuration registry
 * (platform/configuration/common/configurationRegistry.js) but nothing in Monaco reads
 * those four properties back (no settings UI), so each `localize(...)` there becomes "".
 * Build error if either module is not found or yields too few, so a Monaco update cannot
 * silently undo this.
 */
const OPTION_SCHEMAS =
  /\/monaco-editor\/esm\/vs\/editor\/common\/config\/(editorOptions|editorConfigurationSchema)\.js$/;
const PROSE = new Set([
  "description",
  "markdownDescription",
  "enumDescriptions",
  "markdownEnumDescriptions",
]);

interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}
const isNode = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";

export function stripOptionDescriptions(): Plugin {
  const stripped = new Set<string>();
  return {
    name: "strip-option-descriptions",
    apply: "build",
    buildStart() {
      stripped.clear();
    },
    buildEnd(error) {
      // Both modules must have been seen: a Monaco update that moves one would otherwise
      // bring its prose back without a word.
      if (!error && stripped.size !== 2)
        throw new Error(`option schemas stripped in ${stripped.size} of 2 Monaco modules`);
    },
    transform(code, id) {
      const match = OPTION_SCHEMAS.exec(id);
      if (!match) return null;
      stripped.add(match[1] ?? id);
      const cuts: { start: number; end: number; text: string }[] = [];
      const isLocalize = (v: unknown): v is Node =>
        isNode(v) && v.type === "CallExpression" && code.startsWith("localize(", v.start);
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) {
          for (const item of v) visit(item);
          return;
        }
        if (!isNode(v)) return;
        if (v.type === "Property") {
          const { key, value } = v as Node & { key: unknown; value: unknown };
          const prose =
            isNode(key) &&
            key.type === "Identifier" &&
            PROSE.has((key as Node & { name: string }).name);
          if (prose && isLocalize(value)) {
            cuts.push({ start: value.start, end: value.end, text: '""' });
            return;
          }
          if (prose && isNode(value) && value.type === "ArrayExpression") {
            const { elements } = value as Node & { elements: unknown[] };
            if (elements.length > 0 && elements.every(isLocalize)) {
              cuts.push({ start: value.start, end: value.end, text: "[]" });
              return;
            }
          }
        }
        for (const [k, child] of Object.entries(v)) if (k !== "type") visit(child);
      };
      visit(this.parse(code));
      if (cuts.length < 20) throw new Error(`${id}: only ${cuts.length} option descriptions found`);
      let out = "";
      let at = 0;
      for (const c of cuts.sort((a, b) => a.start - b.start)) {
        out += code.slice(at, c.start) + c.text;
        at = c.end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}
