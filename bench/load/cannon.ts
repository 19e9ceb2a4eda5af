// What the load worker's autocannon runs give back (shared with the scenarios, which must not
// import the worker itself: it starts serving calls when loaded).

/** autocannon gives up on a request after this long (its default, 10 s, is short for a loaded machine). */
export const TIMEOUT_SECONDS = 30

/** `errors` counts requests that failed or timed out; `non2xx`, error answers. */
export type CannonResult = { rps: number; p50: number; p99: number; total: number; errors: number; non2xx: number }
