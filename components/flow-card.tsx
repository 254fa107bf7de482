import { flowHref, type FlowSummary, type Oauth21Status } from "@/content/flows";
import { cn } from "@/components/ui/cn";

const badgeStyles: Record<Oauth21Status, string> = {
  recommended:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-200",
  kept: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200",
  extension:
    "border-violet-300 bg-violet-50 text-violet-900 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-200",
  deprecated:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200",
};

/** The OAuth 2.1 status of a flow, as a small pill. */
export function Oauth21Badge({ status, label }: { status: Oauth21Status; label: string }) {
  return (
    <span
      data-status={status}
      className={cn(
        "inline-flex w-fit items-center rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        badgeStyles[status],
      )}
    >
      {label}
    </span>
  );
}

/**
 * One flow on the home page: name, OAuth 2.1 status, what happens, its id, who uses it, its spec.
 * The whole card opens the flow's simulator: the name is the link (its accessible name), and the
 * link's hit area is stretched over the card.
 */
export function FlowCard({
  flow,
  whatIfs,
  className,
}: {
  flow: FlowSummary;
  /** How many "what if" scenarios the flow has besides its default path. */
  whatIfs?: number;
  className?: string;
}) {
  const deprecated = flow.oauth21 === "deprecated";
  return (
    <article
      aria-labelledby={`flow-${flow.id}`}
      className={cn(
        "group relative flex h-full flex-col gap-3 rounded-xl border border-line bg-surface-raised p-5 shadow-sm transition",
        "hover:border-accent/60 hover:shadow-md",
        deprecated && "bg-surface",
        className,
      )}
    >
      <div className="flex flex-col gap-2">
        <h3 id={`flow-${flow.id}`} className="text-base font-semibold text-foreground">
          <a
            href={flowHref(flow.id)}
            className={cn(
              "group-hover:text-accent after:absolute after:inset-0 after:rounded-xl after:content-['']",
              // The focus ring goes round the whole card (the stretched ::after), not round the name.
              "focus-visible:outline-none! focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-accent",
            )}
          >
            {flow.name}
          </a>
        </h3>
        <Oauth21Badge status={flow.oauth21} label={flow.oauth21Label} />
      </div>
      <p className="text-sm leading-6 text-muted">{flow.summary}</p>
      <dl className="mt-auto flex flex-wrap gap-x-3 gap-y-1 border-t border-line pt-3 text-xs text-muted">
        <div className="w-full">
          <dt className="sr-only">Flow id</dt>
          <dd>
            <code className="font-mono text-[0.8125rem] text-foreground">{flow.id}</code>
          </dd>
        </div>
        <div>
          <dt className="sr-only">For</dt>
          <dd>{flow.audience}</dd>
        </div>
        <div>
          <dt className="sr-only">Specification</dt>
          <dd>{flow.spec}</dd>
        </div>
      </dl>
      <p className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted">
          {whatIfs ? `${whatIfs} what-if${whatIfs === 1 ? "" : "s"} to try` : null}
        </span>
        <span aria-hidden="true" className="font-medium text-accent">
          Step through it{" "}
          <span className="inline-block transition-transform group-hover:translate-x-0.5 motion-reduce:transition-none">
            →
          </span>
        </span>
      </p>
    </article>
  );
}
