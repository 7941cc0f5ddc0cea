import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeConfig } from "../../../functions/core/config/analysis";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { CoreError } from "../../../functions/core/errors";

function find(text: string, code: string) {
  const { diagnostics } = analyzeConfig(text);
  const d = diagnostics.find((x) => x.code === code);
  return {
    d,
    codes: diagnostics.map((x) => x.code),
    spot: d === undefined ? undefined : text.slice(d.start, d.end),
  };
}

describe("analyzeConfig: the seed page's examples are clean", () => {
  it("example 1 and 2 and the source-ip example", () => {
    for (const text of [
      '[queue.outbound]\nip-strategy = "ipv4_then_ipv6"\n',
      '[queue.outbound]\nip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" }, \n                { else = "ipv4_only" } ]\n',
      "[queue.outbound.source-ip]\nv4 = \"['192.0.2.10', '192.0.2.11']\"\nv6 = \"['2001:db8::a', '2001:db8::b']\"\n",
      "",
    ]) {
      const { diagnostics, config } = analyzeConfig(text);
      expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      expect(config).toBeDefined();
    }
  });
});

describe("analyzeConfig: classic mistakes, each with its code and position", () => {
  it("an unquoted IP inside the source-ip string", () => {
    const text = '[queue.outbound.source-ip]\nv4 = "192.0.2.10"\n';
    const r = find(text, "source_ip_unquoted");
    expect(r.codes).toContain("expr_syntax");
    expect(r.spot).toBe('"192.0.2.10"');
    expect(r.d?.message).toContain("\"'192.0.2.10'\"");
    expect(
      find('[queue.outbound.source-ip]\nv6 = "2001:db8::a"\n', "source_ip_unquoted").d,
    ).toBeDefined();
  });

  it("an unquoted IPv4 address: a bare value Stalwart reads, then a float it cannot parse", () => {
    const text = "[queue.outbound.source-ip]\nv4 = 192.0.2.10\n";
    const r = find(text, "source_ip_unquoted");
    expect(r.codes).toContain("expr_syntax");
    expect(r.codes).not.toContain("toml_syntax");
    expect(r.spot).toBe("192.0.2.10");
  });

  it("an unquoted IPv6 address: its ':' ends the bare value and Stalwart refuses the file", () => {
    const text = "[queue.outbound.source-ip]\nv6 = 2001:db8::a\n";
    const r = find(text, "source_ip_unquoted");
    expect(r.codes).toContain("toml_syntax");
    expect(r.spot).toBe("2001:db8::a");
  });

  it("an unquoted strategy is invalid TOML", () => {
    const text = "[queue.outbound]\nip-strategy = ipv4_only\n";
    const r = find(text, "unquoted_strategy");
    expect(r.codes).toContain("toml_syntax");
    expect(r.spot).toBe("ipv4_only");
  });

  it("a real TOML array for v4", () => {
    const text = "[queue.outbound.source-ip]\nv4 = ['192.0.2.10']\n";
    const r = find(text, "source_ip_toml_array");
    expect(r.codes).toContain("if_block_invalid_property");
    expect(r.spot).toBe("['192.0.2.10']");
  });

  it("else inside the same table as if", () => {
    const text =
      '[queue.outbound]\nip-strategy = [ { if = "retry_num > 0", then = "ipv4_only", else = "ipv6_only" } ]\n';
    const r = find(text, "if_block_else_in_same_table");
    expect(r.codes).toContain("if_block_else_before_if");
    expect(r.spot).toBe("else");
  });

  it("a variable outside the key's set, saying which keys may use it", () => {
    const text =
      "[queue.outbound]\nip-strategy = \"if_then(rcpt_domain == 'x', ipv4_only, ipv6_only)\"\n";
    const r = find(text, "variable_not_allowed");
    expect(r.spot).toBe("rcpt_domain");
    expect(r.d?.message).toContain("queue.outbound.source-ip.v4");
    expect(r.d?.message).not.toContain("queue.outbound.hostname");
  });

  it("an IP of the wrong family in a constant list", () => {
    const text = "[queue.outbound.source-ip]\nv4 = \"['192.0.2.10', '2001:db8::1']\"\n";
    const r = find(text, "source_ip_wrong_family");
    expect(r.d?.severity).toBe("warning");
    expect(r.spot).toBe("2001:db8::1");
    expect(r.d?.message).toContain("WHOLE");
    // Not constant: nothing can be said statically.
    expect(
      find(
        "[queue.outbound.source-ip]\nv4 = \"if_then(mx == 'a', '192.0.2.1', '::1')\"\n",
        "source_ip_wrong_family",
      ).d,
    ).toBeUndefined();
  });

  it("a single '='", () => {
    const text =
      "[queue.outbound]\nnext-hop = [ { if = \"rcpt_domain='example.com'\", then = \"'relay'\" }, { else = false } ]\n";
    const r = find(text, "single_equals");
    expect(r.spot).toBe("=");
    expect(text.indexOf("='")).toBe(r.d?.start);
    expect(
      find("[queue.outbound]\nnext-hop = \"rcpt_domain == 'a=b'\"\n", "single_equals").d,
    ).toBeUndefined();
  });

  it("unknown keys under queue.outbound. with typo help", () => {
    const text =
      '[queue.outbound]\nip-stratgy = "ipv6_only"\n[queue.outbound.limits]\nmultihome = 1\n';
    const { diagnostics } = analyzeConfig(text);
    const unknown = diagnostics.filter((d) => d.code === "unknown_key");
    expect(unknown.map((d) => text.slice(d.start, d.end))).toEqual(["ip-stratgy", "multihome"]);
    expect(unknown[0]?.message).toContain('"queue.outbound.ip-strategy"');
    expect(unknown[1]?.message).toContain('"queue.outbound.limits.multihomed"');
    expect(unknown.every((d) => d.severity === "warning")).toBe(true);
  });

  it("ip-strategy strings not among the four", () => {
    const r = find("[queue.outbound]\nip-strategy = \"'ipv6_first'\"\n", "ip_strategy_unknown");
    expect(r.d?.severity).toBe("warning");
    expect(r.d?.message).toContain("ipv4_then_ipv6");
    expect(
      find("[queue.outbound]\nip-strategy = \"'IPv6_Only'\"\n", "ip_strategy_unknown").d,
    ).toBeUndefined();
    const ident = find('[queue.outbound]\nip-strategy = "ipv6_frist"\n', "ip_strategy_unknown");
    expect(ident.d?.message).toContain("ipv6_first".replace("first", "only"));
  });

  it("limits.multihomed hiding the second family (info, when constant)", () => {
    const r = find("[queue.outbound.limits]\nmultihomed = 2\n", "multihomed_hides_family");
    expect(r.d?.severity).toBe("info");
    expect(r.spot).toBe("2");
    expect(
      find('[queue.outbound.limits]\nmultihomed = "retry_num + 1"\n', "multihomed_hides_family").d,
    ).toBeUndefined();
  });

  it("strings Stalwart decodes differently from TOML", () => {
    const r = find("[queue.outbound]\nhostname = 'C:\\dir'\n", "stalwart_string_escape");
    expect(r.d?.severity).toBe("warning");
  });

  it("a [next-hop] table of keys is told it is keys, with a next-hop example", () => {
    const r = find('[queue.outbound.next-hop]\nrelay = "smtp.test"\n', "toml_array_not_expression");
    expect(r.d?.message).toContain("keys under it (queue.outbound.next-hop.relay)");
    expect(r.d?.message).toContain(`next-hop = "'relay-id'"`);
    expect(r.d?.message).not.toContain("TOML array");
    expect(r.d?.message).not.toContain("2m");
    const arr = find("[queue.outbound]\nnext-hop = ['a']\n", "toml_array_not_expression");
    expect(arr.d?.message).toContain("a TOML array");
    expect(arr.spot).toBe("['a']");
  });

  it("names written with hyphens are read as subtractions: say the underscore name", () => {
    const strategy = find('[queue.outbound]\nip-strategy = "ipv4-then-ipv6"\n', "hyphenated_name");
    expect(strategy.d?.message).toContain("Write ipv4_then_ipv6.");
    expect(strategy.codes).not.toContain("ip_strategy_unknown");
    const v04 =
      "[queue.outbound]\nnext-hop = [ { if = \"rcpt-domain == 'x.test'\", then = \"'r'\" }, { else = false } ]\n";
    const r = find(v04, "hyphenated_name");
    expect(r.d?.message).toContain("Write rcpt_domain.");
    expect(r.codes).not.toContain("variable_not_allowed");
  });

  it("an unquoted relay id in next-hop: say to quote it", () => {
    const text = '[queue.outbound]\nnext-hop = "relay"\n[remote.relay]\naddress = "smtp.test"\n';
    const r = find(text, "relay_id_unquoted");
    expect(r.d?.message).toContain(`next-hop = "'relay'"`);
  });

  it("a relay left at tls.implicit = true on a STARTTLS port, or with auth.password", () => {
    const relay = (extra: string) => `[remote.r]\naddress = "smtp.test"\n${extra}`;
    const r = find(relay("port = 587\n"), "relay_implicit_tls");
    expect(r.spot).toBe("587");
    expect(
      find(relay("port = 587\ntls.implicit = false\n"), "relay_implicit_tls").d,
    ).toBeUndefined();
    expect(find(relay("port = 465\n"), "relay_implicit_tls").d).toBeUndefined();
    expect(find(relay(""), "relay_implicit_tls").d?.message).toContain("25 (the default)");
    const pw = find(relay('auth.username = "u"\nauth.password = "p"\n'), "relay_auth_password");
    expect(pw.spot).toBe("auth.password");
  });

  it("a backslash Stalwart drops: what Stalwart reads, and that TOML tools refuse it", () => {
    const text = "[queue.outbound]\nhostname = \"if_then(matches('^v6\\.', sender), 'a', 'b')\"\n";
    const r = find(text, "stalwart_string_escape");
    expect(r.d?.message).toContain(`"if_then(matches('^v6.', sender), 'a', 'b')"`);
    expect(r.d?.message).toContain("a TOML tool refuses it");
  });

  it("not standard TOML: an info, never a refusal", () => {
    const r = find("[queue.schedule]\nretry = [2m, 5m]\n", "not_standard_toml");
    expect(r.d?.severity).toBe("info");
    expect(r.codes).not.toContain("toml_syntax");
  });

  it("bad relay values", () => {
    expect(find('[remote.r]\naddress = "h"\nport = "x"\n', "relay_invalid_port").spot).toBe('"x"');
  });
});

describe("properties", () => {
  const tomlish = fc.stringMatching(/^[[\]{}="'a-z0-9., \n#:\\-]{0,80}$/);
  it("loadConfig only ever throws CoreError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tomlish), (text) => {
        try {
          loadConfig(text);
        } catch (err) {
          if (!(err instanceof CoreError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("analyzeConfig never throws and its offsets lie inside the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tomlish), (text) => {
        const { diagnostics } = analyzeConfig(text);
        for (const d of diagnostics) {
          expect(d.code).not.toBe("internal_error");
          if (d.start !== undefined) expect(d.start).toBeLessThanOrEqual(text.length);
          if (d.end !== undefined) expect(d.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("analyzeConfig survives expressions of any shape inside valid TOML", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom("ip-strategy", "source-ip.v4", "limits.mx", "next-hop"),
        (expr, key) => {
          const text = `[queue.outbound]\n${key} = ${JSON.stringify(expr)}\n`;
          const { diagnostics } = analyzeConfig(text);
          expect(diagnostics.some((d) => d.code === "internal_error")).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
