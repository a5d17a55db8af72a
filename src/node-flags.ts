/**
 * V8 flags the bot runs with (`npm start`, `npm run dev`, and the benchmarks, so they measure
 * what runs). The old generation grows by at most 30% before V8 collects it, so compiling a
 * chapter of 1,000 projects back to back stays under 200 MB (without the flag it climbs towards
 * 300 MB); a young generation of up to 8 MB per semi-space lets a turn's short-lived objects die
 * young. `--optimize-for-size`, which kept the heap smaller still, doubled the CPU time of every
 * turn (docs/benchmarks.md, bench:turn): on a one- or two-core instance that costs more than the
 * memory it saves.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=30'];
