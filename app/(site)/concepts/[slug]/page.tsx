import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConceptBlockView } from "@/components/concepts/concept-block";
import { InlineText } from "@/components/concepts/inline-text";
import { OnThisPage } from "@/components/concepts/on-this-page";
import { TryItList } from "@/components/concepts/try-it-list";
import { CONCEPTS, conceptsIndex, findConcept, specLabel, specUrl } from "@/content/concepts";

interface ConceptPageProps {
  readonly params: Promise<{ slug: string }>;
}

/** Every concept is prerendered; any other slug is a 404. */
export const dynamicParams = false;

export function generateStaticParams(): { slug: string }[] {
  return CONCEPTS.map((concept) => ({ slug: concept.slug }));
}

export async function generateMetadata({ params }: ConceptPageProps): Promise<Metadata> {
  const concept = findConcept((await params).slug);
  return concept ? { title: concept.title, description: concept.summary } : {};
}

const sectionHeading = "scroll-mt-6 text-2xl font-semibold tracking-tight text-foreground";

export default async function ConceptPage({ params }: ConceptPageProps) {
  const concept = findConcept((await params).slug);
  if (!concept) notFound();

  const index = CONCEPTS.indexOf(concept);
  const previous = CONCEPTS[index - 1];
  const next = CONCEPTS[index + 1];
  const toc = [
    { id: "what-you-will-learn", title: "What you will learn" },
    ...concept.sections.map(({ id, title }) => ({ id, title })),
    { id: "recap", title: "Recap" },
    { id: "try-it", title: "Try it" },
    { id: "read-the-spec", title: "Read the spec" },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-12 px-4 py-10 sm:px-6 sm:py-14 lg:grid-cols-[minmax(0,1fr)_13rem]">
      <article className="min-w-0 max-w-3xl">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <ol className="flex flex-wrap items-center gap-1.5">
            <li>
              <a href="/concepts" className="rounded hover:text-foreground">
                {conceptsIndex.title}
              </a>
            </li>
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="text-foreground">
              {concept.title}
            </li>
          </ol>
        </nav>

        <h1 className="mt-4 text-4xl font-bold tracking-tight text-balance text-foreground sm:text-5xl">
          {concept.title}
        </h1>
        <div className="mt-6 flex flex-col gap-4 text-lg leading-8 text-pretty text-foreground">
          {concept.intro.map((paragraph) => (
            <p key={paragraph}>
              <InlineText text={paragraph} />
            </p>
          ))}
        </div>

        <section
          id="what-you-will-learn"
          aria-labelledby="what-you-will-learn-heading"
          className="mt-8 scroll-mt-6 rounded-2xl border border-line bg-accent-soft p-5 sm:p-6"
        >
          <h2 id="what-you-will-learn-heading" className="text-lg font-semibold text-foreground">
            What you will learn
          </h2>
          <ul className="mt-3 flex list-disc flex-col gap-1.5 pl-6 leading-7 text-foreground">
            {concept.learn.map((item) => (
              <li key={item}>
                <InlineText text={item} />
              </li>
            ))}
          </ul>
        </section>

        {concept.sections.map((section) => (
          <section key={section.id} id={section.id} aria-labelledby={`${section.id}-heading`} className="mt-12 scroll-mt-6">
            <h2 id={`${section.id}-heading`} className={sectionHeading}>
              <a href={`#${section.id}`} className="group rounded">
                {section.title}
                <span aria-hidden="true" className="ml-2 text-muted opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100">
                  #
                </span>
              </a>
            </h2>
            <div className="mt-4 flex flex-col gap-5">
              {section.blocks.map((block, blockIndex) => (
                <ConceptBlockView key={blockIndex} block={block} />
              ))}
            </div>
          </section>
        ))}

        <section
          id="recap"
          aria-labelledby="recap-heading"
          className="mt-12 scroll-mt-6 rounded-2xl border border-line bg-surface p-5 sm:p-6"
        >
          <h2 id="recap-heading" className="text-xl font-semibold text-foreground">
            Recap
          </h2>
          <ul className="mt-3 flex list-disc flex-col gap-1.5 pl-6 leading-7 text-foreground">
            {concept.recap.map((item) => (
              <li key={item}>
                <InlineText text={item} />
              </li>
            ))}
          </ul>
        </section>

        <section id="try-it" aria-labelledby="try-it-heading" className="mt-12 scroll-mt-6">
          <h2 id="try-it-heading" className={sectionHeading}>
            Try it
          </h2>
          <p className="mt-2 leading-7 text-muted">Each link opens the simulator on a scenario that shows this at work.</p>
          <div className="mt-4">
            <TryItList items={concept.tryIt} />
          </div>
        </section>

        <section id="read-the-spec" aria-labelledby="read-the-spec-heading" className="mt-12 scroll-mt-6">
          <h2 id="read-the-spec-heading" className={sectionHeading}>
            Read the spec
          </h2>
          <ul className="mt-4 flex flex-col gap-2">
            {concept.references.map((reference) => (
              <li key={`${reference.spec}#${reference.section ?? ""}`} className="leading-7">
                <a
                  href={specUrl(reference)}
                  className="font-medium text-accent underline decoration-accent/40 underline-offset-4 hover:decoration-accent"
                  rel="noopener noreferrer"
                >
                  {specLabel(reference)}
                </a>
                <span className="text-muted"> — {reference.title}</span>
              </li>
            ))}
          </ul>
        </section>

        <nav aria-label="More concepts" className="mt-14 grid gap-3 border-t border-line pt-6 sm:grid-cols-2">
          {previous ? (
            <a href={`/concepts/${previous.slug}`} className="rounded-xl border border-line p-4 hover:border-accent">
              <span className="block text-xs text-muted">Previous</span>
              <span className="font-semibold text-foreground">{previous.title}</span>
            </a>
          ) : (
            <span />
          )}
          {next ? (
            <a href={`/concepts/${next.slug}`} className="rounded-xl border border-line p-4 text-right hover:border-accent">
              <span className="block text-xs text-muted">Next</span>
              <span className="font-semibold text-foreground">{next.title}</span>
            </a>
          ) : null}
        </nav>
      </article>

      <aside className="hidden lg:block">
        <div className="sticky top-6">
          <OnThisPage links={toc} />
        </div>
      </aside>
    </div>
  );
}
