import { describe, expect, it } from "vitest";
import { json, parseError } from "./helpers";

describe("smoke", () => {
  it("works", () => {
    expect(json("1 + 2")).toEqual({ type: "integer", value: 3 });
    expect(json("'abc' || 0")).toEqual({ type: "string", value: "abc" });
    expect(parseError("rcpt='x'").message).toBe('Invalid variable or constant "x"');
  });
});
