import type { Concept } from "@/content/concepts";

/** One concept on the index page: its number in reading order, title, summary and what it covers. */
export function ConceptCard({ concept, number }: { concept: Concept; number: number }) {
  return (
    <article
      aria-labelledby={`concept-${concept.slug}`}
      className="relative flex h-full flex-col gap-3 rounded-xl border border-line bg-surface-raised p-5 shadow-sm transition-colors focus-within:border-accent hover:border-accent"
    >
      <p className="font-mono text-xs font-semibold text-accent" aria-hidden="true">
        {String(number).padStart(2, "0")}
      </p>
      <h2 id={`concept-${concept.slug}`} className="text-lg font-semibold text-foreground">
        <a href={`/concepts/${concept.slug}`} className="after:absolute after:inset-0 after:rounded-xl">
          {concept.title}
        </a>
      </h2>
      <p className="text-sm leading-6 text-muted">{concept.summary}</p>
      <p className="mt-auto border-t border-line pt-3 text-xs text-muted">
        {concept.sections.length} sections · {concept.tryIt.length} scenarios to try
      </p>
    </article>
  );
}
