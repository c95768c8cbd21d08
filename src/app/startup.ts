/**
 * Start-up of a surface: render once the record is in, rather than a spinner first and the page
 * again a moment later (that first render would hold up reading the record, issue 3 item 8), but
 * never wait long: a slow start (a big import, a slow network) shows the page with its spinner.
 */

/** How long a composition root waits for the record before rendering anyway. */
export const RENDER_WAIT_MS = 300;

/**
 * The value of `work` if it succeeds within `ms`; null if it is still running then or has failed
 * (the caller awaits `work` itself to report a failure).
 */
export async function settledWithin<T>(work: Promise<T>, ms: number = RENDER_WAIT_MS): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([
      work.then(
        (value) => value,
        () => null,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
