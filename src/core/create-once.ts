import { isAmbiguous } from "./ambiguous.ts";
import { classifyError } from "./errors.ts";

/** One create (a comment, an issue, a board item) and how to tell whether it landed. */
export interface CreateStep<R> {
  /** What is being done, for errors: `commenting on #12`. */
  doing: string;
  /** Sends the create. The client never re-sends it by itself (see retry-safe.ts). */
  create(): Promise<R>;
  /**
   * Reads back, by the write's marker, whether it landed: what was created, or undefined when
   * it is absent. Called only after an ambiguous failure, so fault-free runs make no extra read.
   */
  landed(): Promise<R | undefined>;
}

/**
 * Makes a create exactly once. After an ambiguous failure (5xx, reset, timeout, an answer cut
 * short: the server may have acted) the create is not sent again until `landed` has read
 * whether it took: found, it counts as made; absent, it is sent once more; unreadable, the
 * change fails loud and the next run's plan reads the same marker. Any other failure (a 4xx,
 * an unreachable server) is thrown as it came, classified.
 */
export async function createOnce<R>(step: CreateStep<R>): Promise<R> {
  let first: unknown;
  try {
    return await step.create();
  } catch (error) {
    if (!isAmbiguous(error)) throw classifyError(error, { doing: step.doing });
    first = error;
  }
  const lost = classifyError(first).message;
  let found: R | undefined;
  try {
    found = await step.landed();
  } catch (error) {
    throw classifyError(error, {
      doing: `${step.doing}: its answer was lost (${lost}), and checking whether it landed`,
    });
  }
  if (found !== undefined) return found;
  try {
    return await step.create();
  } catch (error) {
    const e = classifyError(error, { doing: step.doing });
    throw e.reworded(
      `${e.message} (sent twice: the first answer was lost, and a check found it had not landed)`,
    );
  }
}
