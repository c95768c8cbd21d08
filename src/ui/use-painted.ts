/**
 * False for a component's first render, true once the browser has painted it (and from then on).
 * What is not needed for the first card waits for it (issue 10 item 2), so the first commit holds
 * the sender card and the verdict and little else.
 */
import { useEffect, useState } from "react";
import { afterNextPaint } from "../app/startup";

export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    void afterNextPaint().then(() => live && setPainted(true));
    return () => {
      live = false;
    };
  }, []);
  return painted;
}
