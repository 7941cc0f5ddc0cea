/** One example of the menu: a state to load, and the note that says what to look at. */
import type { CheckName } from "../core-adapter";
import type { WhatIfRecord } from "../state/types";

export interface Example {
  readonly id: string;
  readonly group: "From the docs" | "Classic mistakes" | "DNS situations" | "Deliverability";
  readonly title: string;
  /** What to look at: shown above the editor when the example is loaded. */
  readonly note: string;
  readonly config: string;
  readonly records: readonly WhatIfRecord[];
  readonly domain?: string;
  readonly retryNum?: number;
  /** The deliverability checks the example turns on. */
  readonly checks?: readonly CheckName[];
}
