/**
 * The config size check (functions/core/evaluate.ts, `checkConfigSize`): at most
 * LIMITS.configBytes of UTF-8, counted in bytes, not UTF-16 units.
 */
import { describe, expect, it } from "vitest";
import { checkConfigSize } from "../../../functions/core/evaluate";
import { count, LIMITS } from "../../../functions/core/limits";
import { RequestError, RequestErrorCode } from "../../../functions/core/request-error";

/** `n` bytes of UTF-8: "é" is 2 bytes, "x" 1. */
const ofBytes = (n: number) => "é".repeat(Math.floor(n / 2)) + "x".repeat(n % 2);

function refusal(config: string): RequestError | undefined {
  try {
    checkConfigSize(config, "config");
    return undefined;
  } catch (e) {
    if (e instanceof RequestError) return e;
    throw e;
  }
}

describe("checkConfigSize", () => {
  it("accepts a config of exactly the limit in bytes, with two-byte characters", () => {
    expect(ofBytes(LIMITS.configBytes).length).toBeLessThan(LIMITS.configBytes);
    expect(refusal(ofBytes(LIMITS.configBytes))).toBeUndefined();
  });

  it("refuses one byte more, saying how many bytes it is", () => {
    const err = refusal(ofBytes(LIMITS.configBytes + 1));
    expect(err?.code).toBe(RequestErrorCode.ConfigTooLarge);
    expect(err?.message).toBe(
      `The config is ${count(LIMITS.configBytes + 1)} bytes of UTF-8; at most ${count(LIMITS.configBytes)} bytes are allowed.`,
    );
  });

  it("counts a character outside the BMP as 4 bytes", () => {
    const emoji = "\u{1F600}";
    expect(refusal(ofBytes(LIMITS.configBytes - 4) + emoji)).toBeUndefined();
    expect(refusal(ofBytes(LIMITS.configBytes - 3) + emoji)?.code).toBe(
      RequestErrorCode.ConfigTooLarge,
    );
  });
});
