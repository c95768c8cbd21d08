/**
 * Whether the taskpane is narrow (issue 14 item 8): Outlook opens the pane at about 320–350 px,
 * where the verdict, its action and the latest history come first and finished steps fold away.
 * The pane's own width decides, not the window's (the preview puts the pane beside an inbox).
 * Measured before the first paint (a layout effect), then followed with a ResizeObserver; where
 * there is none (Jest's DOM), the pane counts as wide.
 */
import { useLayoutEffect, useState } from "react";

/** Below this width (CSS px) the pane uses the narrow layout; the preview's pane beside the inbox is 480 px. */
export const NARROW_BELOW_PX = 440;

export function useNarrow(element: HTMLElement | null): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    if (!element || typeof ResizeObserver === "undefined") return;
    const update = (width: number) => setNarrow(width > 0 && width < NARROW_BELOW_PX);
    update(element.getBoundingClientRect().width);
    // The border box both times (contentRect would leave the padding out).
    const observer = new ResizeObserver(() => update(element.getBoundingClientRect().width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return narrow;
}
