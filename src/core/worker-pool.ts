/**
 * Runs `work(0)` to `work(count - 1)`, at most `concurrency` at once: each worker takes the
 * next index as soon as its last one is done, so one slow item does not hold up the rest.
 * Once `stopped()` is true no further index starts; what is already running finishes.
 */
export async function workerPool(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}
