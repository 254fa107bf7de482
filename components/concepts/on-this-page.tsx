/** The page's table of contents: links to the stable anchors of a concept page. */
export function OnThisPage({ links }: { links: readonly { id: string; title: string }[] }) {
  return (
    <nav aria-labelledby="on-this-page" className="text-sm">
      <h2 id="on-this-page" className="font-semibold text-foreground">
        On this page
      </h2>
      <ul className="mt-3 flex flex-col gap-1.5 border-l border-line">
        {links.map((link) => (
          <li key={link.id}>
            <a
              href={`#${link.id}`}
              className="-ml-px block border-l border-transparent py-0.5 pl-3 text-muted hover:border-accent hover:text-foreground"
            >
              {link.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
