// Accessible names for two widgets of the Material theme that have none: the search dialog
// (named after its input's placeholder, already in the page's language) and the progress bar of
// instant navigation. Without them, axe-core reports serious violations on every page.
(() => {
  "use strict";
  const LOADING = { fr: "Chargement de la page", en: "Loading the page" };

  function name() {
    const search = document.querySelector(".md-search[role=dialog]");
    const input = document.querySelector(".md-search__input");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", (input && input.placeholder) || "Search");
    }
    const lang = (document.documentElement.lang || "fr").slice(0, 2);
    for (const bar of document.querySelectorAll("[role=progressbar]:not([aria-label])")) {
      bar.setAttribute("aria-label", LOADING[lang] || LOADING.en);
    }
  }

  // Both widgets are outside the content that instant navigation swaps: naming them once holds.
  name();
})();
