import { flowHref, flows } from "@/content/flows";

/** The flows there are, for a page that could not find the one asked for. */
export function FlowList() {
  return (
    <nav aria-labelledby="flow-list-heading" className="mt-10 text-left">
      <h2 id="flow-list-heading" className="text-lg font-semibold text-foreground">
        The flows you can run
      </h2>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
        {flows.map((flow) => (
          <li key={flow.id}>
            <a
              href={flowHref(flow.id)}
              className="block h-full rounded-lg border border-line bg-surface-raised px-3 py-2 hover:border-accent"
            >
              <span className="block font-medium text-foreground">{flow.name}</span>
              <code className="font-mono text-xs text-muted">/flows/{flow.id}</code>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
