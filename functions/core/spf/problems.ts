/** A problem found at one term of a record, with the term and its offsets. */
import type { SpfProblem, SpfProblemCode } from "./types";

export function termProblem(
  code: SpfProblemCode,
  domain: string,
  term: { readonly text: string; readonly start: number; readonly end: number },
  message: string,
): SpfProblem {
  return { code, domain, term: term.text, start: term.start, end: term.end, message };
}
