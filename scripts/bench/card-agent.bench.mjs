// Card path: authenticate round trips (page → agent → SoftHSM2 → page, and Node → agent) and verifyCardProof.
export { default } from '../../packages/card-agent/bench/card-agent.bench.mjs';
