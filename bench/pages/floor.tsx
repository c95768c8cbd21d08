/**
 * The floor of `npm run bench -- taskpane` (issue 10 item 3): a page that renders one static React +
 * Fluent card, shaped like the sender card (a Card with a heading, a badge and two lines of text),
 * and nothing else: no store, no record, no mailbox. Built by the project's webpack config as a
 * bench-only build (bench/sections/taskpane.js), so what the product costs above it is what the
 * product itself does.
 */
import { Badge, Card, FluentProvider, Text, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <Card data-testid="sender-card" role="region" aria-labelledby="floor-name">
        <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
          <h2 id="floor-name" style={{ margin: 0 }}>
            Person 0
          </h2>
          <Badge appearance="filled" color="danger">
            Restricted
          </Badge>
        </div>
        <Text size={200}>P-000000 · person.0@example.org · 07700 100000</Text>
        <Text size={200}>None recorded.</Text>
      </Card>
    </FluentProvider>,
  );
