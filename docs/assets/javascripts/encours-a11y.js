// Accessible names for two widgets of the Material theme that have none: the search dialog
// (named after its input's placeholder, already in the page's language) and the progress bar of
// instant navigation (named by the label every page carries in <meta name="encours-page-loading">,
// in the page's language). Without them, axe-core reports serious violations on every page.
(() => {
  "use strict";

  function name() {
    const search = document.querySelector(".md-search[role=dialog]");
    const input = document.querySelector(".md-search__input");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", (input && input.placeholder) || "Search");
    }
    const loading = document.querySelector("meta[name=encours-page-loading]")?.content;
    for (const bar of document.querySelectorAll("[role=progressbar]:not([aria-label])")) {
      if (loading) bar.setAttribute("aria-label", loading);
    }
  }

  // A row of tab labels too long for the page scrolls sideways: keyboard users reach it only if
  // it can take the focus (then the arrow keys scroll it). Content tabs come with each page.
  function focusableTabLabels() {
    for (const labels of document.querySelectorAll(".tabbed-labels:not([tabindex])")) {
      labels.setAttribute("tabindex", "0");
    }
  }

  // Both widgets are outside the content that instant navigation swaps: naming them once holds.
  name();
  if (window.document$) {
    window.document$.subscribe(focusableTabLabels);
  } else {
    focusableTabLabels();
  }
})();
