/**
 * The port of Stalwart's parser (functions/core/config/toml/) against Stalwart v0.12.5's
 * own, compiled from its source by build.sh: N generated texts (valid, near-miss and
 * broken; keys with é, 中, 😀, U+E000 and U+FFFD, where UTF-16 and code point order part),
 * each read by both. The same sorted keys with the same values, byte for byte, or the same
 * error message, else the text is printed. Needs rustc and Stalwart's repository, so it is
 * not part of the tests. From the repository root:
 *
 *   npx esbuild scripts/stalwart-parser/differential.ts --bundle --platform=node \
 *     --format=esm --outfile=/tmp/differential.mjs && N=4000 SEED=2 node /tmp/differential.mjs
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../functions/core/config/toml/loaded-config";
import { CoreError } from "../../functions/core/errors";

/** mulberry32: a seeded generator, so a run that finds a difference can be repeated. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = generator(Number(process.env.SEED ?? 1));
const below = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)] as T;
const times = (n: number, f: () => string) => Array.from({ length: n }, f);

const CHARS = ["a", "b", "z", "A", "0", "9", ".", "_", "-", "é", "中", "😀", "\uE000", "\uFFFD"];
const JUNK = [" ", "\t", "#", "=", "[", "]", "{", "}", ",", '"', "'", "\\", "\r", "+", "%", ":"];
const BARE = ["a", "b", "x1", "q-r", "s_t", "0"];
const SCALARS = ["true", "false", "12", "-3", "1.5", "2m", "1_0", "+x", "ipv4_only", "a.b"];
const ESCAPES = ["\\n", "\\t", "\\\\", '\\"', "\\.", "\\x", "\r", "\n"];

const word = () => times(1 + below(5), () => pick(CHARS)).join("");

function key(): string {
  const part = () =>
    rnd() < 0.3
      ? `"${word()}"`
      : rnd() < 0.1
        ? word()
        : times(1 + below(3), () => pick(BARE)).join("");
  return times(1 + below(3), part).join(rnd() < 0.9 ? "." : " . ");
}

function quoted(): string {
  const quote = pick(['"', "'", '"""', "'''"]);
  const body = times(below(6), () => (rnd() < 0.2 ? pick(ESCAPES) : pick(CHARS))).join("");
  return `${quote}${body}${rnd() < 0.95 ? quote : ""}`;
}

function value(depth: number): string {
  const r = rnd();
  if (r < 0.4 || depth >= 3) return quoted();
  if (r < 0.6) return pick(SCALARS);
  if (r < 0.8) {
    const items = times(below(4), () => value(depth + 1)).join(pick([", ", ",", ",\n", " , "]));
    return `[${items}${rnd() < 0.2 ? "," : ""}]`;
  }
  const members = times(below(3), () => (rnd() < 0.8 ? `${key()} = ${value(depth + 1)}` : key()));
  return `{ ${members.join(", ")} }`;
}

function line(): string {
  const r = rnd();
  if (r < 0.15) return `[${key()}]`;
  if (r < 0.2) return `[[${key()}]]`;
  if (r < 0.25) return `# ${word()}`;
  if (r < 0.28) return "";
  if (r < 0.31) return times(3, () => pick([...JUNK, ...CHARS])).join("");
  const comment = rnd() < 0.1 ? ` # ${word()}` : "";
  return `${key()}${pick([" = ", "=", " =", "= "])}${value(0)}${comment}`;
}

/** main.rs's JSON: `"` and `\` escaped, control characters as \u00XX, the rest as is. */
function rustJson(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else out += c < 0x20 ? `\\u${c.toString(16).padStart(4, "0")}` : ch;
  }
  return `${out}"`;
}

/** What the port makes of a text, in main.rs's form. */
function ours(text: string): string {
  try {
    const pairs = loadConfig(text).entries.map((e) => `${rustJson(e.key)}:${rustJson(e.written)}`);
    return `{"keys":{${pairs.join(",")}}}`;
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    return `{"error":${rustJson(e.message.replace(/^Invalid configuration file: /, ""))}}`;
  }
}

// Run from the repository root (the bundle lives elsewhere): build.sh prints the binary.
const build = spawnSync("bash", ["scripts/stalwart-parser/build.sh"], { encoding: "utf8" });
const binary = build.stdout.trim();
if (build.status !== 0 || binary === "") throw new Error(`build.sh failed: ${build.stderr}`);
const dir = mkdtempSync(join(tmpdir(), "differential-"));
const files = times(Number(process.env.N ?? 2000), () => "").map((_, i) => {
  const file = join(dir, `${i}.toml`);
  writeFileSync(file, `${times(1 + below(8), line).join(pick(["\n", "\r\n", "\n\n"]))}\n`);
  return file;
});

const stalwart = new Map<string, string>();
for (let i = 0; i < files.length; i += 500) {
  const run = spawnSync(binary, files.slice(i, i + 500), { encoding: "utf8", maxBuffer: 1 << 28 });
  for (const row of run.stdout.split("\n")) {
    const tab = row.indexOf("\t");
    if (tab > 0) stalwart.set(row.slice(0, tab), row.slice(tab + 1));
  }
}

let accepted = 0;
let differences = 0;
for (const file of files) {
  const want = stalwart.get(file);
  const got = ours(readFileSync(file, "utf8"));
  if (want?.startsWith('{"keys"')) accepted++;
  if (got === want) continue;
  differences++;
  console.log(`${file}\n  Stalwart: ${want}\n  port:     ${got}`);
}
console.log(
  JSON.stringify({ texts: files.length, accepted, refused: files.length - accepted, differences }),
);
process.exitCode = differences === 0 ? 0 : 1;
