import { FlowCard } from "@/components/flow-card";
import { AudienceCard } from "@/components/home/audience-card";
import { FlowPreview } from "@/components/home/flow-preview";
import { RoleCard } from "@/components/role-card";
import { cn } from "@/components/ui/cn";
import { CONCEPTS } from "@/content/concepts";
import { flows } from "@/content/flows";
import { home } from "@/content/home";
import { roles } from "@/content/roles";
import { site } from "@/content/site";
import { DEFAULT_SEED } from "@/machines/flow-url";
import { FLOWS } from "@/machines/flows";
import { previewMessages } from "@/machines/preview";
import { runFlow } from "@/machines/run";

/**
 * Grid placement of the flow cards: on wide screens a row of three, then rows of two
 * (6-column grid), so seven cards leave no hole; on two columns an odd last card spans both.
 */
function flowCellClass(index: number, count: number): string {
  return cn(
    index < 3 ? "lg:col-span-2" : "lg:col-span-3",
    index === count - 1 && count % 2 === 1 && "sm:col-span-2",
  );
}

/** The "what if" scenarios of a flow: every scenario after its default path. */
function whatIfCount(id: keyof typeof FLOWS): number {
  return Math.max(0, FLOWS[id].scenarios.length - 1);
}

/** The flow the home page pictures: the one OAuth 2.1 is built around. */
const PICTURED_FLOW = FLOWS["authorization-code-pkce"];

export default async function HomePage() {
  // Recorded when the site is built: the picture shows what the simulator really runs.
  const pictured = await runFlow(PICTURED_FLOW, PICTURED_FLOW.scenarios[0]!, DEFAULT_SEED);
  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <div className="grid items-center gap-10 py-10 sm:py-14 lg:grid-cols-[minmax(0,1fr)_minmax(0,31rem)] lg:gap-12">
        <section aria-labelledby="page-title">
          <h1
            id="page-title"
            className="text-4xl font-bold tracking-tight text-balance text-foreground sm:text-5xl"
          >
            {site.name}
          </h1>
          <p className="mt-3 text-xl font-semibold text-accent sm:text-2xl">{site.tagline}</p>
          <p className="mt-5 text-lg leading-8 text-pretty text-foreground">{home.lead}</p>
          <p className="mt-4 leading-7 text-pretty text-muted">{home.body}</p>
          <div className="mt-7 flex flex-wrap items-center gap-3">
            <a
              href={home.primaryAction.href}
              className="inline-flex items-center gap-2 rounded-lg bg-accent px-5 py-2.5 font-medium text-accent-foreground shadow-sm hover:opacity-90"
            >
              {home.primaryAction.label}
              <span aria-hidden="true">→</span>
            </a>
            <a
              href={home.secondaryAction.href}
              className="inline-flex items-center rounded-lg border border-line bg-surface-raised px-5 py-2.5 font-medium text-foreground hover:border-accent/60"
            >
              {home.secondaryAction.label}
            </a>
          </div>
          <ul className="mt-6 flex flex-wrap gap-2" aria-label="Highlights">
            {home.facts.map((fact) => (
              <li
                key={fact}
                className="rounded-full border border-line bg-accent-soft px-3 py-1 text-sm text-foreground"
              >
                {fact}
              </li>
            ))}
          </ul>
        </section>
        <FlowPreview messages={previewMessages(pictured)} />
      </div>

      <section
        id="start"
        aria-labelledby="audiences-heading"
        className="render-when-near scroll-mt-4 border-t border-line py-10 sm:py-12"
      >
        <h2 id="audiences-heading" className="text-2xl font-semibold tracking-tight text-foreground">
          {home.audiencesHeading}
        </h2>
        <p className="mt-2 max-w-3xl text-muted">{home.audiencesIntro}</p>
        <div className="mt-6 grid gap-4 md:grid-cols-3">
          {home.audiences.map((audience) => (
            <AudienceCard key={audience.id} audience={audience} soonLabel={home.soon} />
          ))}
        </div>
      </section>

      <section
        id="flows"
        aria-labelledby="flows-heading"
        className="render-when-near scroll-mt-4 border-t border-line py-10 sm:py-12"
      >
        <h2 id="flows-heading" className="text-2xl font-semibold tracking-tight text-foreground">
          {home.flowsHeading}
        </h2>
        <p className="mt-2 max-w-3xl text-muted">{home.flowsIntro}</p>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
          {flows.map((flow, index) => (
            <li key={flow.id} className={flowCellClass(index, flows.length)}>
              <FlowCard flow={flow} whatIfs={whatIfCount(flow.id)} />
            </li>
          ))}
        </ul>
      </section>

      <div className="render-when-near grid gap-6 border-t border-line py-10 sm:py-12 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10">
        <section id="roles" aria-labelledby="roles-heading" className="scroll-mt-4">
          <h2 id="roles-heading" className="text-2xl font-semibold tracking-tight text-foreground">
            {home.rolesHeading}
          </h2>
          <p className="mt-2 max-w-2xl text-muted">{home.rolesIntro}</p>
          <ul className="mt-6 grid gap-3 sm:grid-cols-2">
            {roles.map((role) => (
              <RoleCard key={role.id} role={role} />
            ))}
          </ul>
        </section>

        <section
          id="concepts"
          aria-labelledby="concepts-heading"
          className="h-fit scroll-mt-4 rounded-2xl border border-line bg-surface p-5 sm:p-6"
        >
          <h2 id="concepts-heading" className="text-xl font-semibold tracking-tight text-foreground">
            {home.conceptsHeading}
          </h2>
          <p className="mt-2 text-sm leading-6 text-muted">{home.conceptsIntro}</p>
          <ul className="mt-4 flex flex-wrap gap-2 text-sm">
            {CONCEPTS.map((concept) => (
              <li key={concept.slug}>
                <a
                  href={`/concepts/${concept.slug}`}
                  className="inline-flex rounded-full border border-line bg-surface-raised px-3 py-1 text-foreground hover:border-accent/60 hover:text-accent"
                >
                  {concept.title}
                </a>
              </li>
            ))}
          </ul>
          <a
            href={home.conceptsLink.href}
            className="mt-5 inline-flex items-center gap-1.5 font-medium text-accent underline-offset-4 hover:underline"
          >
            {home.conceptsLink.label}
            <span aria-hidden="true">→</span>
          </a>
        </section>
      </div>
    </div>
  );
}
