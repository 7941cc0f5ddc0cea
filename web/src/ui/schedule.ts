/**
 * When each retry is due (shared/spec §3.5): after the attempt with retry_num n fails,
 * the next is due after schedule[min(n, len-1)] of `queue.schedule.retry`. The Worker
 * evaluates that if-block with the same core and returns the wait as `retry.nextInMs`,
 * so the page only adds the waits up.
 */

/** Milliseconds from the first attempt until the attempt with retry_num n is due. */
export function dueAfter(n: number, waitAfter: (k: number) => number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += waitAfter(k);
  return total;
}
