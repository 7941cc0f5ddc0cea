import { describe, expect, it } from "vitest";
import { lineColumn, lineColumnRange } from "../../../functions/core/config/positions";

describe("lineColumn", () => {
  it("is 1-based and counts UTF-16 units like Monaco", () => {
    const text = "ab\n\u{1F600}x\r\nz\ry";
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn(text, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(text, text.indexOf("x"))).toEqual({ line: 2, column: 3 });
    expect(lineColumn(text, text.indexOf("z"))).toEqual({ line: 3, column: 1 });
    expect(lineColumn(text, text.indexOf("y"))).toEqual({ line: 4, column: 1 });
  });

  it("clamps out-of-range offsets", () => {
    expect(lineColumn("ab\nc", -5)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\nc", 100)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("ab", Number.NaN)).toEqual({ line: 1, column: 1 });
  });

  it("gives ranges with end line and column", () => {
    expect(lineColumnRange("ab\ncd", 1, 4)).toEqual({
      line: 1,
      column: 2,
      endLine: 2,
      endColumn: 2,
    });
    expect(lineColumnRange("ab\ncd", 4, 1)).toEqual({
      line: 2,
      column: 2,
      endLine: 2,
      endColumn: 2,
    });
  });
});
