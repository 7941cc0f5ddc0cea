/**
 * Entry of the CPU section's own Node process (bench/cpu-bundled.ts bundles it with
 * esbuild, minified, as wrangler bundles the Worker): runs `benchCpu()` and prints the
 * figures as JSON on stdout.
 */
import { benchCpu } from "./cpu";

process.stdout.write(JSON.stringify(await benchCpu()));
