/**
 * V8 flags the bot runs with (`npm start`, `npm run dev`, and the compile benchmark, so it
 * measures what runs). `--optimize-for-size` makes V8 collect garbage before it grows the heap:
 * compiling a chapter of 1,000 projects back to back then peaks at about 185 MB instead of about
 * 380 MB, at some 0.2 s more per compile (docs/benchmarks.md, bench:compile). The bot waits on
 * Teams and Cosmos far more than it computes, so the memory is worth more than the speed.
 */
export const NODE_FLAGS: readonly string[] = ['--optimize-for-size'];
