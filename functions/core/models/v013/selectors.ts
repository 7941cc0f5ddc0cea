/**
 * `queue.strategy.{route,connection,tls,schedule}` as Stalwart v0.13–v0.15 read them
 * (`QueueConfig::parse`, crates/common/src/config/smtp/queue.rs @v0.15.5:249-276): the
 * same `IfBlock::try_parse` as ≤ v0.12 with the recipient or host variables and no
 * constant; a block that fails keeps the built-in default of `QueueConfig::default()`
 * (queue.rs:189-247, the non-test build).
 */
import { builtinIfBlock, type IfBlock } from "../../config/if-block";
import { readBlock } from "../../config/if-block-reader";
import type { BuiltinDefault } from "../../config/settings";
import type { LoadedConfig } from "../../config/toml/loaded-config";
import type { Diagnostic } from "../../errors";
import type { Selector, SelectorName, StrategyConfig } from "../strategy-config";
import { SELECTOR_VARIABLES, selectorTokens, V013_BUILTIN_TOKENS } from "../strategy-tokens";

/** One `(if, then)` pair of `IfBlock::new`. */
// biome-ignore lint/suspicious/noThenProperty: Stalwart's word; never awaited.
const branch = (condition: string, result: string) => ({ if: condition, then: result });

const isLocal = branch("is_local_domain('*', rcpt_domain)", "'local'");

export const V013_BUILTINS: Readonly<Record<SelectorName, BuiltinDefault>> = {
  route: { branches: [isLocal], else: "'mx'" },
  schedule: {
    branches: [
      isLocal,
      branch("source == 'dsn'", "'dsn'"),
      branch("source == 'report'", "'report'"),
    ],
    else: "'remote'",
  },
  connection: { branches: [], else: "'default'" },
  tls: {
    branches: [branch("retry_num > 0 && last_error == 'tls'", "'invalid-tls'")],
    else: "'default'",
  },
};

const builtin = (name: SelectorName) =>
  builtinIfBlock(`queue.strategy.${name}`, V013_BUILTINS[name], V013_BUILTIN_TOKENS);

const BUILTIN_BLOCKS: Readonly<Record<SelectorName, IfBlock>> = {
  route: builtin("route"),
  connection: builtin("connection"),
  tls: builtin("tls"),
  schedule: builtin("schedule"),
};

export function readSelectors(
  config: LoadedConfig,
  diagnostics: Diagnostic[],
): StrategyConfig["selectors"] {
  const read = (name: SelectorName): Selector => {
    const key = `queue.strategy.${name}`;
    const block =
      readBlock(config, { key, tokens: selectorTokens("v0.13", name) }, diagnostics) ??
      BUILTIN_BLOCKS[name];
    return { name, key, block, variables: SELECTOR_VARIABLES[name] };
  };
  return {
    route: read("route"),
    connection: read("connection"),
    tls: read("tls"),
    schedule: read("schedule"),
  };
}
