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

/**
 * Resolves once the browser has painted what was just rendered (the next animation frame, then a
 * task), so work started after it does not hold up that paint: the whole record's read after the
 * first card (issue 10 item 1). Without animation frames (tests, workers), after a task.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
    if (raf) raf(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}
