/**
 * zod's English messages, for the parses whose messages reach the user (the API's
 * `invalid_field`, the v0.16 reader's diagnostics). `zod/mini` installs no locale, so
 * without them every message would be "Invalid input"; classic zod installed this one
 * itself. Passed to each such parse (`schema.safeParse(x, { ...ENGLISH })`) rather than
 * set globally with `z.config`, so no message depends on which module ran first.
 */
import { en } from "zod/locales";

export const ENGLISH = { error: en().localeError } as const;
