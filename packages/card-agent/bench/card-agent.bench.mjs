// Card path benchmarks for scripts/bench.mjs (re-exported as scripts/bench/card-agent.bench.mjs):
// authenticate round trip (Chromium page → agent → SoftHSM2 → page, and Node client → agent) and
// verifyCardProof, p50/p95. Built by `npm run build` (its own TypeScript project, bench/src, on the card agent, the
// server and the test kit: no sandbox). Standalone: node packages/card-agent/bench/card-agent.bench.mjs
import { benchCardAgent } from './dist/card-path.js';

export default async function () {
  return benchCardAgent({ runs: Number(process.env.AF_BENCH_RUNS ?? 200) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchCardAgent({ runs: Number(process.env.AF_BENCH_RUNS ?? 200) }))
    console.log(`${r.name.padEnd(70)} ${String(r.value).padStart(8)} ${r.unit}`);
}
