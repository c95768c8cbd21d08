// jest-axe for component tests, with the one known Fluent false positive removed: Tabster's
// focusable aria-hidden <i data-tabster-dummy> elements (microsoft/tabster#288; Microsoft's
// Accessibility Insights suppresses them too). Any other node still fails.
import { axe } from "jest-axe";

export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe(container, { elementRef: true } as Parameters<typeof axe>[1]);
  return results.violations
    .map((v) => ({
      ...v,
      nodes:
        v.id === "aria-hidden-focus"
          ? v.nodes.filter((n) => !(n as { element?: Element }).element?.hasAttribute("data-tabster-dummy"))
          : v.nodes,
    }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
