// Serves Mermaid from the site itself, only on pages that have a diagram.
// Material renders diagrams with the global `mermaid` if one exists, and otherwise fetches it from
// unpkg.com. This stand-in is that global: Material calls initialize() and render(); the first
// render() loads the real Mermaid from our own assets (pinned npm package) and hands over to it.
(() => {
  "use strict";
  const source = new URL("mermaid.min.js", document.currentScript.src).href;
  let settings = {};
  let real = null;

  function load() {
    real ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source;
      script.onload = () => {
        window.mermaid.initialize(settings);
        resolve(window.mermaid);
      };
      script.onerror = () => reject(new Error(`cannot load ${source}`));
      document.head.append(script);
    });
    return real;
  }

  window.mermaid = {
    initialize(options) {
      settings = options;
    },
    async render(...args) {
      return (await load()).render(...args);
    },
  };
})();
