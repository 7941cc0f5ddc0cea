/**
 * The core's entry point for POST /api/spf: a validated request in, the SPF result, its
 * reason and trace out. Pure apart from what `io` brings, like `evaluate`, so the browser
 * can run it too.
 */
import type { SpfProblemBody, SpfRequest, SpfResponse } from "./contract";
import { type EvaluationIo, resolverFor } from "./evaluate";
import { parseIp } from "./ip";
import { DNS_SUBREQUESTS } from "./limits";
import { RequestError, RequestErrorCode } from "./request-error";
import { checkSpf } from "./spf/check-host";
import type { SpfProblem } from "./spf/types";

/** The one place a problem's record offsets become columns (a record is one line). */
function problemBody(p: SpfProblem): SpfProblemBody {
  return {
    code: p.code,
    message: p.message,
    domain: p.domain,
    ...(p.term !== undefined ? { term: p.term } : {}),
    ...(p.start !== undefined ? { column: p.start + 1, endColumn: (p.end ?? p.start) + 1 } : {}),
  };
}

export async function evaluateSpf(
  req: SpfRequest,
  io: Omit<EvaluationIo, "newSeed">,
): Promise<SpfResponse> {
  const ip = parseIp(req.ip);
  if (ip === null) {
    throw new RequestError(
      RequestErrorCode.InvalidIp,
      `Invalid field "ip": expected an IPv4 or IPv6 address like "192.0.2.10" or "2001:db8::10", found ${JSON.stringify(req.ip)}.`,
      { field: "ip" },
    );
  }
  // The cache keeps one bundle per identity checked, apart from the plans' bundles.
  const identity = req.sender === "" ? req.helo : req.sender.slice(req.sender.lastIndexOf("@") + 1);
  const resolver = resolverFor(req.records, io, io.openSession?.(`spf:${identity}`), {
    names: "any",
    maxQueries: DNS_SUBREQUESTS,
  });
  const outcome = await checkSpf(
    { ip, sender: req.sender, helo: req.helo },
    {
      resolver: resolver.lane({ budget: resolver.budget, names: "any" }),
      now: () => io.clock.now() / 1000,
    },
  );
  resolver.finish();
  const { problem, ...rest } = outcome;
  return {
    ...rest,
    ...(problem !== undefined ? { problem: problemBody(problem) } : {}),
    dns: resolver.trace(),
  };
}
