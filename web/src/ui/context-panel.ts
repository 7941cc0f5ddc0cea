/**
 * Context: domain, retry_num and sender up front; the other Stalwart variables folded
 * away; local domains, resolver and seed. Every field writes into the state and reports
 * the change; numbers out of range are flagged at their field (fields.ts).
 */
import { CHECK_NAMES, type CheckName, RESOLVER_NAMES } from "../core-adapter";
import { h } from "../dom";
import { LAST_ERRORS, type PlaygroundState } from "../state/types";
import { type Change, field, numberField, selectInput, textInput } from "./fields";

const RESOLVER_LABELS: Readonly<Record<string, string>> = {
  none: "none (offline: what-if records only)",
  default: "default (this server's DoH resolver)",
  cloudflare: "Cloudflare DoH",
  google: "Google DoH",
  quad9: "Quad9 DoH",
};

/** The API's allow-list, offline first. */
export const RESOLVERS: readonly { value: string; label: string }[] = [...RESOLVER_NAMES]
  .sort((a, b) => (a === "none" ? -1 : b === "none" ? 1 : 0))
  .map((value) => ({ value, label: RESOLVER_LABELS[value] ?? value }));

/** The bounds of the API's context schema (shared/spec/api.md). */
const COUNT_MAX = 1_000_000;

const list = (s: string): string[] =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

function mainFields(state: PlaygroundState, onChange: Change): HTMLElement[] {
  const c = state.context;
  return [
    field(
      "Recipient domain",
      textInput("ctx-domain", c.domain, (v) => (c.domain = v), onChange, "example.com"),
    ),
    numberField(
      { id: "ctx-retry_num", label: "retry_num", min: 0, max: COUNT_MAX, hint: "(0 = first try)" },
      c.retry_num,
      (v) => (c.retry_num = v),
      onChange,
    ),
    field(
      "sender",
      textInput("ctx-sender", c.sender, (v) => (c.sender = v), onChange, "alice@example.org"),
    ),
    field(
      "Resolver",
      selectInput("ctx-resolver", RESOLVERS, state.resolver, (v) => (state.resolver = v), onChange),
    ),
    numberField(
      { id: "ctx-seed", label: "Seed", min: 0, max: 0xffffffff, hint: "(shuffles, picks)" },
      state.seed,
      (v) => (state.seed = v),
      onChange,
    ),
    field(
      "Local domains",
      textInput(
        "ctx-local",
        state.localDomains.join(", "),
        (v) => (state.localDomains = list(v)),
        onChange,
        "for is_local_domain()",
      ),
    ),
  ];
}

const CHECK_LABELS: Readonly<Record<CheckName, string>> = {
  spf: "SPF (MAIL FROM and HELO)",
  ptr: "Reverse DNS (PTR) and EHLO",
};

/**
 * The deliverability checks, off unless asked for: each costs DNS lookups (SPF records,
 * includes, PTR and their forward lookups) on top of the plan's.
 */
function checksField(state: PlaygroundState, onChange: Change): HTMLElement {
  const boxes = CHECK_NAMES.map((name) => {
    const box = h("input", {
      type: "checkbox",
      id: `ctx-check-${name}`,
      checked: state.checks.includes(name),
    });
    box.addEventListener("change", () => {
      state.checks = CHECK_NAMES.filter((n) =>
        n === name ? box.checked : state.checks.includes(n),
      );
      onChange();
    });
    return h("label", { class: "check" }, box, ` ${CHECK_LABELS[name]}`);
  });
  return h(
    "fieldset",
    { class: "field wide checks-field" },
    h(
      "legend",
      null,
      "Deliverability checks per attempt ",
      h("span", { class: "small muted" }, "(cost DNS lookups)"),
    ),
    h("div", { class: "check-row" }, ...boxes),
  );
}

function moreFields(state: PlaygroundState, onChange: Change): HTMLElement[] {
  const c = state.context;
  const errors = LAST_ERRORS.map((e) => ({ value: e, label: e }));
  return [
    numberField(
      { id: "ctx-priority", label: "priority", min: -COUNT_MAX, max: COUNT_MAX },
      c.priority,
      (v) => (c.priority = v),
      onChange,
    ),
    numberField(
      { id: "ctx-notify_num", label: "notify_num", min: 0, max: COUNT_MAX },
      c.notify_num,
      (v) => (c.notify_num = v),
      onChange,
    ),
    numberField(
      {
        id: "ctx-expires_in",
        label: "expires_in",
        min: 0,
        max: 10 * 365 * 86400,
        hint: "(seconds)",
      },
      c.expires_in,
      (v) => (c.expires_in = v),
      onChange,
    ),
    field(
      "last_error",
      selectInput("ctx-last_error", errors, c.last_error, (v) => (c.last_error = v), onChange),
    ),
    field(
      "last_status",
      textInput("ctx-last_status", c.last_status, (v) => (c.last_status = v), onChange),
    ),
    field(
      "rcpt",
      textInput("ctx-rcpt", c.rcpt, (v) => (c.rcpt = v), onChange, "bob@example.com"),
    ),
    field(
      "recipients",
      textInput(
        "ctx-recipients",
        c.recipients.join(", "),
        (v) => (c.recipients = list(v)),
        onChange,
        "comma-separated",
      ),
      "",
      true,
    ),
  ];
}

export function renderContext(el: HTMLElement, state: PlaygroundState, onChange: Change): void {
  el.replaceChildren(
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, "Message & context"),
      h("span", { class: "muted small" }, "Stalwart's variables"),
    ),
    h("p", {
      class: "panel-error sev-error small",
      id: "context-error",
      role: "alert",
      hidden: true,
    }),
    h("div", { class: "form-grid" }, ...mainFields(state, onChange), checksField(state, onChange)),
    h(
      "details",
      null,
      h(
        "summary",
        null,
        "More variables (priority, notify_num, expires_in, last_status, last_error, rcpt, recipients)",
      ),
      h("div", { class: "form-grid" }, ...moreFields(state, onChange)),
    ),
  );
}
