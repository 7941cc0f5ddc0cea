/**
 * The delivery plan: the response body of POST /api/evaluate (shared/spec/api.md).
 * Field names are camelCase and only ever added to.
 */
import type { TraceEntry } from "../dns/types";

export type Strategy = "ipv4_only" | "ipv6_only" | "ipv4_then_ipv6" | "ipv6_then_ipv4";

export type Branch =
  | { readonly index: number; readonly condition: string }
  | { readonly index: "else" }
  | { readonly index: "default" };

export interface HostError {
  readonly permanent: boolean;
  readonly message: string;
}

export interface SourceChoice {
  readonly candidates: readonly string[];
  readonly picked: string | null;
}

export interface DroppedIp {
  readonly ip: string;
  /** `multihomed`: cut by limits.multihomed; `loopback`: removed after the cut. */
  readonly reason: "multihomed" | "loopback";
}

export interface PlannedHost {
  readonly name: string;
  /** MX preference; null for a relay (next-hop) host. */
  readonly preference: number | null;
  readonly implicit: boolean;
  /** True when this host's preference group had several exchanges and was shuffled. */
  readonly shuffled: boolean;
  readonly strategy: Strategy;
  readonly ips: readonly string[];
  readonly dropped: readonly DroppedIp[];
  readonly source: { readonly v4: SourceChoice; readonly v6: SourceChoice };
  readonly error: HostError | null;
}

export interface Attempt {
  readonly n: number;
  readonly host: string;
  readonly preference: number | null;
  readonly ip: string;
  readonly family: "ipv4" | "ipv6";
  readonly sourceIp: string | null;
}

export interface PlanDiagnostic {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly key?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export type MxStatus = "ok" | "implicit" | "null_mx" | "error" | "skipped";

export interface Plan {
  readonly model: "v0.12";
  readonly seed: number;
  readonly strategy: { readonly value: Strategy; readonly key: string; readonly branch: Branch };
  readonly limits: { readonly mx: number; readonly multihomed: number };
  readonly nextHop: {
    readonly kind: "mx" | "relay" | "local";
    readonly relay?: string;
    readonly address?: string;
    readonly port?: number;
    readonly protocol?: string;
  };
  readonly mx: {
    readonly status: MxStatus;
    readonly records: readonly { readonly preference: number; readonly exchange: string }[];
    readonly error?: string;
  };
  readonly hosts: readonly PlannedHost[];
  readonly attempts: readonly Attempt[];
  readonly outcome: null | {
    readonly kind: "permanent_failure" | "temporary_failure" | "local_delivery";
    readonly message: string;
  };
  /** When the next retry is due after this attempt fails (queue.schedule.retry). */
  readonly retry: {
    readonly retryNum: number;
    readonly schedule: readonly number[];
    readonly nextInMs: number;
  };
  /** EHLO name (queue.outbound.hostname). */
  readonly hostname: string;
  readonly diagnostics: readonly PlanDiagnostic[];
  readonly dns: readonly TraceEntry[];
}
