import { describe, expect, it } from "vitest";
import { builtinBlock, evalIfBlock } from "../../../functions/core/config/if-block";
import { readIfBlock } from "../../../functions/core/config/if-block-reader";
import { SETTINGS, type Setting } from "../../../functions/core/config/settings";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import type { Diagnostic } from "../../../functions/core/errors";
import type { EvalEnv } from "../../../functions/core/expr/types";
import { int, str, type Value } from "../../../functions/core/expr/value";

function envWith(vars: Record<string, Value>, local: string[] = []): EvalEnv {
  return {
    variable: (n) => vars[n],
    isLocalDomain: (_d, domain) => local.includes(domain),
    configGet: () => undefined,
    dnsLookup: () => undefined,
  };
}

function read(text: string, setting: Setting<unknown> = SETTINGS.ipStrategy) {
  const config = loadConfig(text);
  const diagnostics: Diagnostic[] = [];
  const block = readIfBlock(config, setting, diagnostics);
  return { block, diagnostics, text };
}

const SEED_LIST = `[queue.outbound]
ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" }, 
                { else = "ipv4_only" } ]
`;

describe("readIfBlock: the forms Stalwart accepts", () => {
  it("reads a single value as the default (seed example 1)", () => {
    const { block, diagnostics } = read('[queue.outbound]\nip-strategy = "ipv4_then_ipv6"\n');
    expect(diagnostics).toEqual([]);
    expect(block.origin).toBe("config");
    expect(block.single).toBe(true);
    expect(block.defaultSource).toBe("ipv4_then_ipv6");
    expect(evalIfBlock(block, envWith({}))).toEqual({
      value: int(5),
      branch: { index: "default" },
    });
  });

  it("reads the list form in sorted order (seed example 2)", () => {
    const { block, diagnostics, text } = read(SEED_LIST);
    expect(diagnostics).toEqual([]);
    expect(block.single).toBe(false);
    expect(block.branches).toHaveLength(1);
    const b = block.branches[0];
    expect(b?.conditionSource).toBe("retry_num == 0");
    expect(b?.thenSource).toBe("ipv6_only");
    expect(b?.conditionKey).toBe("queue.outbound.ip-strategy.0000.if");
    expect(text.slice(b?.start, b?.end)).toBe('if = "retry_num == 0", then = "ipv6_only"');
    expect(block.defaultSource).toBe("ipv4_only");
    expect(evalIfBlock(block, envWith({ retry_num: int(0) }))).toEqual({
      value: int(3),
      branch: { index: 0 },
      condition: "retry_num == 0",
    });
    expect(evalIfBlock(block, envWith({ retry_num: int(1) }))).toEqual({
      value: int(2),
      branch: { index: "else" },
    });
  });

  it("the first truthy condition wins", () => {
    const { block } = read(
      `[queue.outbound]\nip-strategy = [ { if = "retry_num > 1", then = "ipv4_only" }, { if = "retry_num > 0", then = "ipv6_only" }, { else = "'IPV6_THEN_IPV4'" } ]\n`,
    );
    expect(evalIfBlock(block, envWith({ retry_num: int(5) })).branch).toEqual({ index: 0 });
    expect(evalIfBlock(block, envWith({ retry_num: int(1) })).branch).toEqual({ index: 1 });
    expect(evalIfBlock(block, envWith({ retry_num: int(0) })).value).toEqual(str("IPV6_THEN_IPV4"));
  });

  it("shares matches() captures between a condition and its then", () => {
    const { block } = read(
      `[queue.outbound]\nhostname = [ { if = "matches('^(.+)@(.+)$', sender)", then = "'mx.' + $2" }, { else = "'x'" } ]\n`,
      SETTINGS.hostname,
    );
    expect(evalIfBlock(block, envWith({ sender: str("a@example.org") })).value).toEqual(
      str("mx.example.org"),
    );
  });

  it("uses the built-in default when the key is absent", () => {
    const { block, diagnostics } = read("");
    expect(diagnostics).toEqual([]);
    expect(block.origin).toBe("builtin");
    expect(evalIfBlock(block, envWith({})).value).toEqual(int(5));
    const nextHop = builtinBlock(SETTINGS.nextHop);
    expect(
      evalIfBlock(nextHop, envWith({ rcpt_domain: str("local.test") }, ["local.test"])),
    ).toEqual({
      value: str("local"),
      branch: { index: 0 },
      condition: "is_local_domain('*', rcpt_domain)",
    });
    expect(evalIfBlock(nextHop, envWith({ rcpt_domain: str("example.com") })).value).toEqual(
      int(0),
    );
    expect(evalIfBlock(builtinBlock(SETTINGS.sourceIpV4), envWith({})).value).toEqual(str(""));
  });
});

describe("readIfBlock: Stalwart's errors, each keeping the built-in default", () => {
  const cases: [string, string, string, string][] = [
    [
      "missing then",
      `ip-strategy = [ { if = "retry_num == 0" }, { if = "true", then = "ipv4_only" }, { else = "ipv4_only" } ]`,
      "if_block_missing_then",
      "Missing 'then' in 'if' condition 1.",
    ],
    [
      "missing then at the end",
      `ip-strategy = [ { if = "retry_num == 0" }, { else = "ipv4_only" } ]`,
      "if_block_missing_then",
      "Missing 'then' in 'if' condition 1",
    ],
    [
      "missing else",
      `ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" } ]`,
      "if_block_missing_else",
      "Missing 'else'",
    ],
    [
      "multiple else",
      `ip-strategy = [ { if = "true", then = "ipv6_only" }, { else = "ipv4_only" }, { else = "ipv6_only" } ]`,
      "if_block_multiple_else",
      "Multiple 'else' found",
    ],
    [
      "else in the same table as if",
      `ip-strategy = [ { if = "true", then = "ipv6_only", else = "ipv4_only" } ]`,
      "if_block_else_before_if",
      "Found 'else' before 'if'",
    ],
    [
      "then without if",
      `ip-strategy = [ { if = "true", then = "ipv6_only" }, { then = "ipv4_only" }, { else = "ipv4_only" } ]`,
      "if_block_then_without_if",
      "Found 'then' without 'if'",
    ],
    [
      "a bare TOML array",
      `ip-strategy = ["ipv4_only"]`,
      "if_block_invalid_property",
      "Invalid property \"queue.outbound.ip-strategy.0000\" found in 'if' block.",
    ],
    [
      "an expression error",
      `ip-strategy = "rcpt_domain == 'x'"`,
      "expr_syntax",
      'Invalid variable or constant "rcpt_domain"',
    ],
  ];
  for (const [name, line, code, message] of cases) {
    it(name, () => {
      const { block, diagnostics } = read(`[queue.outbound]\n${line}\n`);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.code).toBe(code);
      expect(diagnostics[0]?.severity).toBe("error");
      expect(diagnostics[0]?.message.startsWith(message)).toBe(true);
      expect(block.origin).toBe("builtin");
      expect(evalIfBlock(block, envWith({ retry_num: int(0) })).value).toEqual(int(5));
    });
  }

  it("points at the exact character of an expression error, through escapes", () => {
    const text = '[queue.outbound]\nip-strategy = "\\tretry_num == 0 && rcpt_domain"\n';
    const { diagnostics } = read(text);
    expect(diagnostics[0]?.code).toBe("expr_syntax");
    expect(text.slice(diagnostics[0]?.start, diagnostics[0]?.end)).toBe("\\t");
    const text2 = '[queue.outbound]\nip-strategy = "retry_num == 0 && rcpt_domain"\n';
    const d2 = read(text2).diagnostics[0];
    expect(text2.slice(d2?.start, d2?.end)).toBe("rcpt_domain");
    expect(d2?.key).toBe("queue.outbound.ip-strategy");
  });

  it("points at the right places for structural errors", () => {
    const text = `[queue.outbound]\nip-strategy = [ { if = "true", then = "ipv6_only", else = "ipv4_only" } ]\n`;
    const d = read(text).diagnostics[0];
    expect(text.slice(d?.start, d?.end)).toBe("else");
    const text2 = `[queue.outbound]\nip-strategy = [ { if = "true", then = "ipv6_only" } ]\n`;
    const d2 = read(text2).diagnostics[0];
    expect(text2.slice(d2?.start, d2?.end)).toBe('[ { if = "true", then = "ipv6_only" } ]');
  });

  it("a single value wins over a list, and unknown properties are ignored", () => {
    const { block, diagnostics } = read(`[queue.outbound.ip-strategy]\n"0000".foo = "x"\n`);
    expect(diagnostics).toEqual([]);
    expect(block.origin).toBe("builtin");
  });
});
