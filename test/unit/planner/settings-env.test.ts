/** The EvalEnv that plans and the expression console share (settings-eval.ts makeEnv). */
import { describe, expect, it } from "vitest";
import { CONSOLE_TOKENS } from "../../../functions/core/config/settings";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { evaluate } from "../../../functions/core/expr/evaluator";
import { parseExpression } from "../../../functions/core/expr/parser";
import { makeEnv } from "../../../functions/core/planner/settings-eval";

describe("makeEnv", () => {
  it("hands each distinct note on once, however often it is met", () => {
    const notes: string[] = [];
    const env = makeEnv(
      {
        resolver: { peek: () => undefined },
        localDomains: [],
        note: (code, message) => notes.push(`${code}: ${message}`),
      },
      () => undefined,
    );
    const run = (source: string) => evaluate(parseExpression(source, CONSOLE_TOKENS), env);
    run("key_get('s', 'a') + key_get('s', 'b')");
    run("key_get('s', 'c')");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^store_unavailable: key_get\(\) needs a store/);
    run("counter_get('s', 'k')");
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/^store_unavailable: counter_get\(\) needs a store/);
  });

  it("answers is_local_domain() from the list whatever the case, and config_get() from the config", () => {
    const env = makeEnv(
      {
        config: loadConfig('[queue.outbound]\nhostname = "mx.example.org"\n'),
        resolver: { peek: () => undefined },
        localDomains: ["Example.COM"],
        note: () => undefined,
      },
      () => undefined,
    );
    expect(env.isLocalDomain("", "example.com")).toBe(true);
    expect(env.isLocalDomain("", "EXAMPLE.com")).toBe(true);
    expect(env.isLocalDomain("", "other.example")).toBe(false);
    expect(env.configGet("queue.outbound.hostname")).toBe("mx.example.org");
    expect(env.configGet("queue.outbound.ip-strategy")).toBeUndefined();
  });
});
