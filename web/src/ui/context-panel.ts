/**
 * Context: domain, retry_num and sender up front; the other Stalwart variables folded
 * away; local domains, resolver and seed.
 */
import { RESOLVER_NAMES } from "../core-adapter";
import { h } from "../dom";
import { LAST_ERRORS, type PlaygroundState } from "../state/types";

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

type Change = () => void;

function field(label: string, input: HTMLElement, hint = "", wide = false): HTMLElement {
  return h(
    "label",
    { class: wide ? "field wide" : "field" },
    h("span", null, label, hint ? h("span", { class: "small" }, ` ${hint}`) : null),
    input,
  );
}

function text(
  id: string,
  value: string,
  set: (v: string) => void,
  onChange: Change,
  placeholder = "",
): HTMLInputElement {
  const el = h("input", {
    id,
    type: "text",
    value,
    placeholder,
    spellcheck: "false",
    autocomplete: "off",
  });
  el.addEventListener("input", () => {
    set(el.value);
    onChange();
  });
  return el;
}

function num(
  id: string,
  value: number,
  min: number,
  set: (v: number) => void,
  onChange: Change,
): HTMLInputElement {
  const el = h("input", { id, type: "number", value, min, step: 1, inputmode: "numeric" });
  el.addEventListener("input", () => {
    const n = Number.parseInt(el.value, 10);
    if (Number.isFinite(n) && n >= min) {
      set(n);
      onChange();
    }
  });
  return el;
}

const list = (s: string): string[] =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

export function renderContext(el: HTMLElement, state: PlaygroundState, onChange: Change): void {
  const c = state.context;
  const resolver = h(
    "select",
    { id: "ctx-resolver" },
    ...RESOLVERS.map((r) =>
      h("option", { value: r.value, selected: r.value === state.resolver }, r.label),
    ),
  );
  if (!RESOLVERS.some((r) => r.value === state.resolver))
    resolver.append(h("option", { value: state.resolver, selected: true }, state.resolver));
  resolver.addEventListener("change", () => {
    state.resolver = resolver.value;
    onChange();
  });
  const lastError = h(
    "select",
    { id: "ctx-last_error" },
    ...LAST_ERRORS.map((e) => h("option", { value: e, selected: e === c.last_error }, e)),
  );
  lastError.addEventListener("change", () => {
    c.last_error = lastError.value;
    onChange();
  });
  el.replaceChildren(
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, "Message & context"),
      h("span", { class: "muted small" }, "Stalwart's variables"),
    ),
    h(
      "fieldset",
      { class: "form-grid" },
      field(
        "Recipient domain",
        text(
          "ctx-domain",
          c.domain,
          (v) => {
            c.domain = v;
          },
          onChange,
          "example.com",
        ),
      ),
      field(
        "retry_num",
        num(
          "ctx-retry_num",
          c.retry_num,
          0,
          (v) => {
            c.retry_num = v;
          },
          onChange,
        ),
        "(0 = first try)",
      ),
      field(
        "sender",
        text(
          "ctx-sender",
          c.sender,
          (v) => {
            c.sender = v;
          },
          onChange,
          "alice@example.org",
        ),
      ),
      field("Resolver", resolver),
      field(
        "Seed",
        num(
          "ctx-seed",
          state.seed,
          0,
          (v) => {
            state.seed = v;
          },
          onChange,
        ),
        "(shuffles, picks)",
      ),
      field(
        "Local domains",
        text(
          "ctx-local",
          state.localDomains.join(", "),
          (v) => {
            state.localDomains = list(v);
          },
          onChange,
          "for is_local_domain()",
        ),
      ),
    ),
    h(
      "details",
      null,
      h(
        "summary",
        null,
        "More variables (priority, notify_num, expires_in, last_status, last_error, rcpt, recipients)",
      ),
      h(
        "fieldset",
        { class: "form-grid" },
        field(
          "priority",
          num(
            "ctx-priority",
            c.priority,
            -1_000_000,
            (v) => {
              c.priority = v;
            },
            onChange,
          ),
        ),
        field(
          "notify_num",
          num(
            "ctx-notify_num",
            c.notify_num,
            0,
            (v) => {
              c.notify_num = v;
            },
            onChange,
          ),
        ),
        field(
          "expires_in",
          num(
            "ctx-expires_in",
            c.expires_in,
            0,
            (v) => {
              c.expires_in = v;
            },
            onChange,
          ),
          "(seconds)",
        ),
        field("last_error", lastError),
        field(
          "last_status",
          text(
            "ctx-last_status",
            c.last_status,
            (v) => {
              c.last_status = v;
            },
            onChange,
            "Scheduled",
          ),
        ),
        field(
          "rcpt",
          text(
            "ctx-rcpt",
            c.rcpt,
            (v) => {
              c.rcpt = v;
            },
            onChange,
            "bob@example.com",
          ),
        ),
        field(
          "recipients",
          text(
            "ctx-recipients",
            c.recipients.join(", "),
            (v) => {
              c.recipients = list(v);
            },
            onChange,
            "comma-separated",
          ),
          "",
          true,
        ),
      ),
    ),
  );
}
