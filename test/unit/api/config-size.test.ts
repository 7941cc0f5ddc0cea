/**
 * The API's config size check (functions/services/evaluate.ts, `checkConfigSize`): at most
 * LIMITS.configBytes of UTF-8, counted in bytes, not UTF-16 units.
 */
import { describe, expect, it } from "vitest";
import { ApiError, ApiErrorCode } from "../../../functions/api/errors";
import { LIMITS } from "../../../functions/core/limits";
import { checkConfigSize } from "../../../functions/services/evaluate";

/** `n` bytes of UTF-8: "é" is 2 bytes, "x" 1. */
const ofBytes = (n: number) => "é".repeat(Math.floor(n / 2)) + "x".repeat(n % 2);

function refusal(config: string): ApiError | undefined {
  try {
    checkConfigSize(config);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return e;
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
    expect(err?.status).toBe(413);
    expect(err?.body.code).toBe(ApiErrorCode.ConfigTooLarge);
    expect(err?.body.message).toContain(`${LIMITS.configBytes + 1} bytes`);
  });

  it("counts a character outside the BMP as 4 bytes", () => {
    const emoji = "\u{1F600}";
    expect(refusal(ofBytes(LIMITS.configBytes - 4) + emoji)).toBeUndefined();
    expect(refusal(ofBytes(LIMITS.configBytes - 3) + emoji)?.body.code).toBe(
      ApiErrorCode.ConfigTooLarge,
    );
  });
});
