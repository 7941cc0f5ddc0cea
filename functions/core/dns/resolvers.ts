/**
 * The allow-list of DoH resolvers a request may name. A request names one of these; it
 * can never supply a URL (DEVELOPERS.md: nothing a request does can reach an address we
 * did not choose).
 */
export const RESOLVER_NAMES = ["default", "cloudflare", "google", "quad9", "none"] as const;
export type ResolverName = (typeof RESOLVER_NAMES)[number];

/** RFC 8484 endpoints of the named public resolvers. */
export const PUBLIC_RESOLVERS: Readonly<Record<Exclude<ResolverName, "default" | "none">, string>> =
  Object.freeze({
    cloudflare: "https://cloudflare-dns.com/dns-query",
    google: "https://dns.google/dns-query",
    quad9: "https://dns.quad9.net/dns-query",
  });

/**
 * The DoH URL for a resolver name, or `null` for `"none"` (no network at all).
 * `"default"` is the deployment's `DOH_URL` (wrangler.toml `[vars]`); when a deployment
 * leaves it unset we fall back to Cloudflare's resolver rather than failing requests.
 */
export function resolverUrl(name: ResolverName, env: { readonly DOH_URL?: string }): string | null {
  switch (name) {
    case "none":
      return null;
    case "default":
      return env.DOH_URL && env.DOH_URL.length > 0 ? env.DOH_URL : PUBLIC_RESOLVERS.cloudflare;
    default:
      return PUBLIC_RESOLVERS[name];
  }
}
