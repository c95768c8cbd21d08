/**
 * The preview's React root, loaded by main.ts as a chunk of its own while the record is being
 * read (issue 10 item 1): React, Fluent and the taskpane's components are fetched and compiled
 * in parallel with opening the store and the first read, instead of before either starts.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { PreviewApp, type PreviewAppProps } from "./PreviewApp";

/** Renders the preview into `element` (once: the page never renders it twice). */
export function renderPreview(element: HTMLElement, props: PreviewAppProps): void {
  createRoot(element).render(
    <FluentProvider theme={webLightTheme}>
      <PreviewApp {...props} />
    </FluentProvider>,
  );
}
