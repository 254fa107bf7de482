import type { ConceptBlock } from "@/content/concepts";
import { cn } from "@/components/ui/cn";
import { InlineText } from "./inline-text";

const calloutStyles = {
  note: "border-accent/40 bg-accent-soft",
  pitfall: "border-amber-500/50 bg-amber-500/10",
} as const;

/** One block of a concept section: the only kinds of content a concept page renders. */
export function ConceptBlockView({ block }: { block: ConceptBlock }) {
  switch (block.kind) {
    case "paragraph":
      return (
        <p className="leading-7 text-pretty text-foreground">
          <InlineText text={block.text} />
        </p>
      );
    case "list": {
      const List = block.ordered ? "ol" : "ul";
      return (
        <List className={cn("flex flex-col gap-2 pl-6 leading-7 text-foreground", block.ordered ? "list-decimal" : "list-disc")}>
          {block.items.map((item) => (
            <li key={item} className="pl-1 marker:text-muted">
              <InlineText text={item} />
            </li>
          ))}
        </List>
      );
    }
    case "definitions":
      return (
        <dl className="grid gap-x-6 gap-y-3 rounded-xl border border-line bg-surface p-4 sm:grid-cols-[minmax(8rem,max-content)_1fr] sm:p-5">
          {block.items.map((item) => (
            <div key={item.term} className="contents">
              <dt className="font-semibold text-foreground">
                <InlineText text={item.term} />
              </dt>
              <dd className="leading-7 text-foreground/90 max-sm:-mt-2 max-sm:mb-1">
                <InlineText text={item.definition} />
              </dd>
            </div>
          ))}
        </dl>
      );
    case "code":
      return (
        <figure className="flex flex-col gap-1.5">
          <figcaption className="text-sm font-medium text-muted">{block.label}</figcaption>
          <pre
            tabIndex={0}
            aria-label={block.label}
            className="overflow-x-auto rounded-xl border border-line bg-surface p-4 font-mono text-[0.8125rem] leading-6 text-foreground"
          >
            <code>{block.text}</code>
          </pre>
        </figure>
      );
    case "callout":
      return (
        <aside
          aria-label={block.title}
          className={cn("rounded-xl border-l-4 border-y border-r p-4 sm:p-5", calloutStyles[block.tone])}
        >
          <p className="font-semibold text-foreground">
            <span className="sr-only">{block.tone === "pitfall" ? "Pitfall: " : "Note: "}</span>
            {block.title}
          </p>
          <p className="mt-1 leading-7 text-foreground">
            <InlineText text={block.text} />
          </p>
        </aside>
      );
  }
}
