/** The signals that stop `fleet sim`: Ctrl-C, `kill`, and the terminal closing. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** How often the parent is looked for; a stop within a second is soon enough for a port. */
const PARENT_POLL_MS = 250;

/**
 * Resolves with the reason once this process should stop: one of SIGNALS, or its parent gone.
 * The parent matters because `npx fleet sim &` then `kill <that pid>` stops npm, not us: npm
 * exits without passing the signal on, and we would keep the port forever. An orphan is
 * adopted by another process, so a changed parent pid means the one that started us is gone.
 * The handlers stay registered until `release` is called, so that a signal repeated during
 * shutdown cannot kill the process half-way.
 */
export function untilStopped(): { stopped: Promise<string>; release(): void } {
  const parent = process.ppid;
  let stop: (reason: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const handlers = SIGNALS.map((signal) => {
    const handler = () => stop(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const poll = setInterval(() => {
    if (process.ppid !== parent) stop(`parent process ${parent} exited`);
  }, PARENT_POLL_MS);
  poll.unref();
  return {
    stopped,
    release() {
      clearInterval(poll);
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
