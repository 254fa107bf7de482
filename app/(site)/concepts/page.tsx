import type { Metadata } from "next";
import { ConceptCard } from "@/components/concepts/concept-card";
import { CONCEPTS, conceptsIndex } from "@/content/concepts";

export const metadata: Metadata = {
  title: conceptsIndex.title,
  description: conceptsIndex.lead,
};

export default function ConceptsPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6 sm:py-16">
      <header className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-foreground sm:text-5xl">{conceptsIndex.title}</h1>
        <p className="mt-5 text-lg leading-8 text-pretty text-foreground">{conceptsIndex.lead}</p>
        <p className="mt-3 leading-7 text-muted">{conceptsIndex.readingOrder}</p>
      </header>
      <ol className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Concepts in reading order">
        {CONCEPTS.map((concept, index) => (
          <li key={concept.slug}>
            <ConceptCard concept={concept} number={index + 1} />
          </li>
        ))}
      </ol>
    </div>
  );
}
