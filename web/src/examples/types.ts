/** One example of the menu: a state to load, and the note that says what to look at. */
import type { CheckName, RequestedModel } from "../core-adapter";
import type { WhatIfRecord } from "../state/types";

export interface Example {
  readonly id: string;
  readonly group:
    | "From the docs"
    | "Classic mistakes"
    | "DNS situations"
    | "Deliverability"
    | "Stalwart v0.13–v0.15"
    | "Upgrade failures (v0.12 → v0.13)"
    | "Stalwart v0.16";
  readonly title: string;
  /** What to look at: shown above the editor when the example is loaded. */
  readonly note: string;
  readonly config: string;
  readonly records: readonly WhatIfRecord[];
  readonly domain?: string;
  readonly retryNum?: number;
  /** The version the picker is set to (Auto when not given). */
  readonly model?: RequestedModel;
  /** The deliverability checks the example turns on. */
  readonly checks?: readonly CheckName[];
}
