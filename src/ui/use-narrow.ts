/**
 * Whether the taskpane is narrow (issue 14 item 8): Outlook opens the pane at about 320–350 px,
 * where the verdict, its action and the latest history come first and finished steps fold away.
 * The pane's own width decides, not the window's (the preview puts the pane beside an inbox).
 *
 * Followed with a ResizeObserver set up before the first paint (a layout effect). Its first report
 * comes after the browser's own layout of that frame and before its paint, and a change of layout
 * is rendered there and then (flushSync), so a narrow pane is never painted wide first. Nothing is
 * measured during React's commit: measuring there forces a layout of its own and, with the element
 * held in state, a second render of the whole pane before the card reaches the screen (issue 10).
 * Where there is no ResizeObserver (Jest's DOM), the pane counts as wide.
 */
import { useLayoutEffect, useState, type RefObject } from "react";
import { flushSync } from "react-dom";

/** Below this width (CSS px) the pane uses the narrow layout; the preview's pane beside the inbox is 480 px. */
export const NARROW_BELOW_PX = 440;

export function useNarrow(ref: RefObject<HTMLElement | null>): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    // The border box (contentRect would leave the padding out); layout is current in the callback.
    const observer = new ResizeObserver(() => {
      const width = element.getBoundingClientRect().width;
      const next = width > 0 && width < NARROW_BELOW_PX;
      flushSync(() => setNarrow(next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return narrow;
}
