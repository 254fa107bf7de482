import type { TryIt } from "@/content/concepts";
import { tryItHref } from "@/content/concepts";
import { flows } from "@/content/flows";

function flowName(id: string): string {
  return flows.find((flow) => flow.id === id)?.name ?? id;
}

/** Scenarios of the simulator that show a concept at work, each a link into the flow page. */
export function TryItList({ items }: { items: readonly TryIt[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {items.map((item) => (
        <li key={`${item.flow}/${item.scenario}`}>
          <a
            href={tryItHref(item)}
            className="group flex h-full flex-col gap-1 rounded-xl border border-line bg-surface-raised p-4 shadow-sm transition-colors hover:border-accent"
          >
            <span className="text-xs font-medium tracking-wide text-muted uppercase">{flowName(item.flow)}</span>
            <span className="font-semibold text-foreground group-hover:text-accent">
              {item.label}
              <span aria-hidden="true"> →</span>
            </span>
            <span className="text-sm leading-6 text-muted">{item.shows}</span>
            <code className="mt-auto pt-2 font-mono text-xs break-all text-muted">{item.scenario}</code>
          </a>
        </li>
      ))}
    </ul>
  );
}
