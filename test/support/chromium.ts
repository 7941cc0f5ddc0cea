/**
 * Debian's Chromium for the browser tests and the bench (`npx playwright install` cannot
 * work here). Without the background-networking flags Chromium keeps trying this
 * machine's closed network.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
