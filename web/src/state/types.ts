/**
 * The playground's whole state: everything a share link must reproduce.
 * Field names inside `context` are Stalwart's variable names, exactly as the API's
 * `context` object takes them (shared/spec/api.md), so a request is built by copying.
 */
import {
  type CheckName,
  QUERY_TYPES,
  WHATIF_RCODES as RECORD_RCODES,
  type WhatIfRcode as RecordRcode,
  type QueryType as RecordType,
  type RequestedModel,
} from "../core-adapter";

/** The record types and rcodes the API's what-if records take (the contract's lists). */
export { QUERY_TYPES, RECORD_RCODES, type RecordRcode, type RecordType };

/** One what-if DNS answer: either a presentation-form `value` or an `rcode`. */
export interface WhatIfRecord {
  name: string;
  type: RecordType;
  value?: string;
  rcode?: RecordRcode;
}

export { LAST_ERRORS } from "../core-adapter";

export interface ContextState {
  domain: string;
  retry_num: number;
  sender: string;
  priority: number;
  notify_num: number;
  expires_in: number;
  last_status: string;
  last_error: string;
  rcpt: string;
  recipients: string[];
}

export interface ConsoleState {
  expression: string;
  /** Setting whose parse rules apply; "" = none (every variable allowed). */
  key: string;
  /** Extra variables as `name = value` lines, merged over the context's. */
  variables: string;
}

/**
 * What the Migrate view writes: v0.13–v0.15 TOML, the v0.16 snapshot (NDJSON for
 * `stalwart-cli apply`) or the same v0.16 objects as plain JSON by type (for the web UI).
 */
export const MIGRATE_OUTPUTS = ["v0.13", "v0.16", "v0.16-objects"] as const;
export type MigrateOutput = (typeof MIGRATE_OUTPUTS)[number];

export interface MigrateState {
  output: MigrateOutput;
  /** The Migrate view was the one shown: a link opens on it. */
  shown: boolean;
}

export interface PlaygroundState {
  config: string;
  /**
   * The Stalwart version the config is read as (`model` of /api/evaluate): "auto" lets
   * the core decide from what the config holds.
   */
  model: RequestedModel;
  context: ContextState;
  localDomains: string[];
  /** "default", "none" or a named resolver from the API's allow-list. */
  resolver: string;
  seed: number;
  records: WhatIfRecord[];
  /**
   * Deliverability checks per attempt (`checks` of /api/evaluate): off unless asked for,
   * since they cost DNS lookups.
   */
  checks: CheckName[];
  migrate: MigrateState;
  /** The retry timeline shows retry_num 0..timelineMax. */
  timelineMax: number;
  console: ConsoleState;
}

export const DEFAULT_CONFIG = `[queue.outbound]
ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" },
                { else = "ipv4_only" } ]
`;

export function defaultState(): PlaygroundState {
  return {
    config: DEFAULT_CONFIG,
    model: "auto",
    context: {
      domain: "example.com",
      retry_num: 0,
      sender: "alice@example.org",
      priority: 0,
      notify_num: 0,
      expires_in: 432000,
      last_status: "Scheduled",
      last_error: "none",
      rcpt: "",
      recipients: [],
    },
    localDomains: [],
    resolver: "none",
    seed: 42,
    records: [
      { name: "example.com", type: "MX", value: "10 mx1.example.com" },
      { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
      { name: "mx1.example.com", type: "AAAA", value: "2001:db8::25" },
    ],
    checks: [],
    migrate: { output: "v0.13", shown: false },
    timelineMax: 4,
    console: { expression: "retry_num > 0 && last_error == 'tls'", key: "", variables: "" },
  };
}
