// The language switch names the page it was written for (docs/overrides/partials/alternate.html:
// each link is that language's root followed by the page's path). Instant navigation swaps the
// content but not the header, so after each new page the links are pointed at it: the same path
// under each language's root.
(() => {
  "use strict";

  const list = document.querySelector("[data-encours-page]");
  if (!list) return;
  const links = [...list.querySelectorAll("a[data-encours-language-switch]")];
  const written = list.dataset.encoursPage;
  // Each link's href (absolute once parsed) is its language's root followed by `written`.
  const roots = new Map(links.map((link) => [link, link.href.slice(0, link.href.length - written.length)]));
  const own = links.find((link) => link.getAttribute("aria-current") === "true");
  if (!own) return;

  function follow() {
    const here = location.origin + location.pathname;
    const root = roots.get(own);
    if (!here.startsWith(root)) return;
    const path = here.slice(root.length);
    for (const link of links) link.href = roots.get(link) + path;
  }

  if (window.document$) {
    window.document$.subscribe(follow);
  } else {
    follow();
  }
})();
