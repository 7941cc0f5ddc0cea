/**
 * The v0.13 TOML (v0.13.0–v0.15.x), as a person would write it: `[queue.strategy]` with
 * the four selectors, then one table per route, connection, TLS strategy and schedule
 * (spec stalwart-strategy.md §1), each with a comment naming the ≤ v0.12 keys it came from.
 * Values equal to v0.13's defaults are left out, except the keys that make a block exist:
 * a route's `type`, a connection's `timeout.connect` (the discovery quirk, §1.2), a TLS
 * strategy's `starttls` (whose default changed), a schedule's `queue-name`.
 */
import type { ConditionWriter } from "./rewrite";
import {
  describeOrigins,
  exprString,
  formatDuration,
  type Lines,
  placedOrigin,
  tomlKey,
  tomlString,
} from "./text";
import type {
  ConnectionDef,
  Migration,
  Origin,
  RouteDef,
  ScheduleDef,
  Selector,
  SelectorName,
  TlsDef,
} from "./types";

export interface Written {
  readonly text: string;
  /** Offset in `text` of each selector (`selector:route`) and definition (`route:mx`). */
  readonly places: ReadonlyMap<string, number>;
}

const WIDTH = 88;

class TomlOut {
  private readonly lines: string[] = [];
  private length = 0;
  readonly places = new Map<string, number>();

  line(text = "", place?: string): void {
    if (place !== undefined && !this.places.has(place)) this.places.set(place, this.length);
    this.lines.push(text);
    this.length += text.length + 1;
  }

  /** A comment, wrapped at WIDTH columns on word boundaries. */
  comment(text: string): void {
    let line = "#";
    for (const word of text.split(" ")) {
      if (line.length > 1 && line.length + 1 + word.length > WIDTH) {
        this.line(line);
        line = "#";
      }
      line += ` ${word}`;
    }
    this.line(line);
  }

  table(path: readonly string[], place: string, from: string): void {
    if (this.lines.length > 0) this.line();
    this.line(`[${path.map(tomlKey).join(".")}]`, place);
    this.comment(from);
  }

  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

export function writeToml(m: Migration, lines: Lines, conditions: ConditionWriter): Written {
  const out = new TomlOut();
  header(out, m, lines);
  out.line();
  out.line("[queue.strategy]");
  for (const name of ["route", "connection", "tls", "schedule"] as const)
    selector(out, m.selectors[name], lines, conditions);
  for (const r of m.routes) route(out, r, lines);
  for (const c of m.connections) connection(out, c, lines);
  for (const t of m.tls) tls(out, t, lines);
  for (const s of m.schedules) schedule(out, s, lines);
  return { text: out.text(), places: out.places };
}

function header(out: TomlOut, m: Migration, lines: Lines): void {
  out.comment(
    "Outbound delivery for Stalwart v0.13–v0.15, migrated from ≤ v0.12 keys by the IP Strategy Playground. v0.13+ ignores queue.outbound.* and remote.* without a word: replace them with these tables.",
  );
  for (const k of m.server) {
    const at = k.origin.start === undefined ? "" : ` (line ${lines(k.origin.start).line})`;
    out.comment(
      `Keep ${k.key} = ${tomlString(k.value)}${at} where it is: v0.13 reads it too, as the EHLO name where no connection sets one.`,
    );
  }
}

const SELECTOR_WHAT: Readonly<Record<SelectorName, string>> = {
  route: "The route of each recipient",
  connection: "The connection strategy of each remote IP",
  tls: "The TLS strategy of each host",
  schedule: "The retry schedule of each recipient",
};

function selector(out: TomlOut, s: Selector, lines: Lines, conditions: ConditionWriter): void {
  out.comment(`${SELECTOR_WHAT[s.name]}. From ${describeOrigins(s.origins, lines)}.`);
  const place = `selector:${s.name}`;
  if (s.branches.length === 0) {
    out.line(`${s.name} = ${tomlString(exprString(s.else))}`, place);
    return;
  }
  out.line(`${s.name} = [`, place);
  for (const b of s.branches) {
    const condition = tomlString(conditions.allOf(b.when, s.name));
    out.line(`  { if = ${condition}, then = ${tomlString(exprString(b.pick))} },`);
  }
  out.line(`  { else = ${tomlString(exprString(s.else))} },`);
  out.line("]");
}

function route(out: TomlOut, r: RouteDef, lines: Lines): void {
  const from = describeOrigins(r.origins, lines);
  out.table(["queue", "route", r.name], `route:${r.name}`, `${r.kind} route. From ${from}.`);
  out.line(`type = ${tomlString(r.kind)}`);
  if (r.kind === "mx") {
    out.line(`ip-lookup = ${tomlString(r.ipLookup)}`);
    out.line(`limits.mx = ${r.maxMx}`);
    out.line(`limits.multihomed = ${r.multihomed}`);
  } else if (r.kind === "relay") {
    out.line(`address = ${tomlString(r.address)}`);
    out.line(`port = ${r.port}`);
    out.line(`protocol = ${tomlString(r.protocol)}`);
    out.line(`tls.implicit = ${r.implicitTls}`);
    out.line(`tls.allow-invalid-certs = ${r.allowInvalidCerts}`);
    if (r.auth !== null) {
      out.line(`auth.username = ${tomlString(r.auth.username)}`);
      out.line(`auth.secret = ${tomlString(r.auth.secret)}`);
    }
  }
}

/** `key = "<duration>"` when the ≤ v0.12 config set it (`from`) or it is not v0.13's default. */
function duration(
  out: TomlOut,
  key: string,
  ms: number,
  v013Default: number | null,
  from: { origins: readonly Origin[]; key: string },
): void {
  if (ms !== v013Default || placedOrigin(from.origins, from.key) !== undefined)
    out.line(`${key} = ${tomlString(formatDuration(ms))}`);
}

function connection(out: TomlOut, c: ConnectionDef, lines: Lines): void {
  const from = describeOrigins(c.origins, lines);
  out.table(["queue", "connection", c.name], `connection:${c.name}`, `From ${from}.`);
  if (c.sourceIps.length > 0) out.line(`source-ips = [${c.sourceIps.map(tomlString).join(", ")}]`);
  if (c.ehlo !== null) out.line(`ehlo-hostname = ${tomlString(c.ehlo)}`);
  out.comment("timeout.connect also makes v0.13–v0.15 register this connection.");
  const set = (name: string) => ({ origins: c.origins, key: `queue.outbound.timeouts.${name}` });
  duration(out, "timeout.connect", c.timeouts.connect, null, set("connect"));
  duration(out, "timeout.greeting", c.timeouts.greeting, 300_000, set("greeting"));
  duration(out, "timeout.ehlo", c.timeouts.ehlo, 300_000, set("ehlo"));
  duration(out, "timeout.mail-from", c.timeouts.mailFrom, 300_000, set("mail-from"));
  duration(out, "timeout.rcpt-to", c.timeouts.rcptTo, 300_000, set("rcpt-to"));
  duration(out, "timeout.data", c.timeouts.data, 600_000, set("data"));
}

function tls(out: TomlOut, t: TlsDef, lines: Lines): void {
  out.table(
    ["queue", "tls", t.name],
    `tls:${t.name}`,
    `From ${describeOrigins(t.origins, lines)}.`,
  );
  out.line(`starttls = ${tomlString(t.startTls)}`);
  if (t.dane !== "optional") out.line(`dane = ${tomlString(t.dane)}`);
  if (t.mtaSts !== "optional") out.line(`mta-sts = ${tomlString(t.mtaSts)}`);
  out.line(`allow-invalid-certs = ${t.allowInvalidCerts}`);
  const set = (name: string) => ({ origins: t.origins, key: `queue.outbound.timeouts.${name}` });
  duration(out, "timeout.tls", t.tlsTimeout, 180_000, set("tls"));
  duration(out, "timeout.mta-sts", t.mtaStsTimeout, 300_000, set("mta-sts"));
}

function schedule(out: TomlOut, s: ScheduleDef, lines: Lines): void {
  const from = describeOrigins(s.origins, lines);
  out.table(["queue", "schedule", s.name], `schedule:${s.name}`, `From ${from}.`);
  out.line(`queue-name = ${tomlString(s.queue)}`);
  if (s.name === "remote") {
    out.comment(
      "retry and notify: v0.13's, which the database holds (a list here would merge with it).",
    );
  } else {
    out.line(`retry = [${s.retry.map((ms) => tomlString(formatDuration(ms))).join(", ")}]`);
    out.line(`notify = [${s.notify.map((ms) => tomlString(formatDuration(ms))).join(", ")}]`);
  }
  out.line(`expire = ${tomlString(formatDuration(s.expire))}`);
}
