// A timeout for a process that may be busy or paused: what a store command and a refresh request are timed by.

/**
 * Calls `fire` once the process has been free for `ms` to read an answer. Time counts in quarters: a timer that came
 * late (the event loop was busy: thousands of accounts expiring at once, a GC pause, a frozen VM) counts as its
 * quarter only, and if it was the last, one more quarter is given, so that what came into the socket meanwhile (or
 * the request itself, written late) is read first. A busy process times out later, never sooner, and still times out:
 * an answer already sent (a refresh token the provider has rotated) is not given up for a timeout. The timers do not
 * keep the process alive. Returns what cancels it.
 */
export function whenFreeFor(ms: number, fire: () => void): () => void {
  const quarter = Math.max(1, ms / 4);
  let left = ms;
  let graced = false;
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout>;
  const wait = (delay: number) => {
    timer = setTimeout(() => {
      const now = performance.now();
      const late = now - last > delay + quarter;
      left -= Math.min(now - last, delay);
      last = now;
      if (left > 0) wait(Math.min(quarter, left));
      else if (late && !graced) {
        graced = true;
        wait(quarter);
      } else fire();
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  };
  wait(quarter);
  return () => clearTimeout(timer);
}
