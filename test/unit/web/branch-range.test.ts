import { describe, expect, it } from "vitest";
import { branchRange } from "../../../web/src/editor/branch-range";

const config = `[queue.outbound]
ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" },
                { else = "ipv4_only" } ]
`;

describe("branchRange", () => {
  it("finds the if branch that matched", async () => {
    expect(await branchRange(config, "queue.outbound.ip-strategy", 0)).toEqual({
      line: 2,
      column: 19,
      endLine: 2,
      endColumn: 60,
    });
  });
  it("finds the else branch", async () => {
    const r = await branchRange(config, "queue.outbound.ip-strategy", "else");
    expect(r?.line).toBe(3);
  });
  it("finds a single-value key and gives null for an absent one", async () => {
    const single = `[queue.outbound]\nip-strategy = "ipv4_only"\n`;
    expect((await branchRange(single, "queue.outbound.ip-strategy", "default"))?.line).toBe(2);
    expect(await branchRange("", "queue.outbound.ip-strategy", "default")).toBeNull();
    expect(await branchRange("not toml [", "queue.outbound.ip-strategy", 0)).toBeNull();
  });
});
