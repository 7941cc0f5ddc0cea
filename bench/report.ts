/** Prints the figures as a table and writes bench/results.json. */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Figure } from "./support/figures";
import { ROOT } from "./support/util";

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function writeReport(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.budget !== undefined ? `≤ ${fmt(f.budget)} ${f.unit}` : "",
    f.pass === undefined ? "" : f.pass ? "PASS" : "FAIL",
    f.note ?? "",
  ]);
  const head = ["section", "figure", "value", "budget", "result", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const failed = figures.filter((f) => f.pass === false);
  const text = [
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    failed.length === 0
      ? `All ${figures.filter((f) => f.pass !== undefined).length} budgets PASS.`
      : `${failed.length} budget(s) FAIL: ${failed.map((f) => f.name).join("; ")}`,
    "",
  ].join("\n");
  process.stdout.write(text);
  writeFileSync(
    join(ROOT, "bench", "results.json"),
    `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), figures }, null, 2)}\n`,
  );
}
