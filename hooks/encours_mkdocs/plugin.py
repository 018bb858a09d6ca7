"""MkDocs events → :mod:`encours`, nothing more.

- ``on_config``: load and validate the policy (any error stops the build before a file is
  written), render the handbook, set the navigation, the language and the page stamp.
- ``on_files``: add the generated pages and the shipped assets as MkDocs files.
- ``on_serve``: ``mkdocs serve`` rebuilds when the policy, a template or a label changes.
- ``on_page_content``: sanitise the HTML of the pages generated from the policy.
- ``on_post_build``: build each further language under ``<site>/<lang>/`` (the first language's
  build only), so ``mkdocs build`` and ``mkdocs serve`` give the whole bilingual site; then put
  the Content-Security-Policy of the whole site in every page and in ``_headers`` (not under
  ``mkdocs serve``, whose live reload injects an inline script of its own), and write the
  service worker that keeps the handbook for offline reading (under ``mkdocs serve``, one that
  removes itself: a cached copy would hide the live pages).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import calculators
import encours
from encours import Handbook, PolicyInvalid, build_handbook, language_switch
from encours.offline import write_service_worker, write_stopped_service_worker
from encours.security import remove_policy, sanitize, secure_site
from encours_mkdocs.config import EncoursConfig

log = logging.getLogger("mkdocs.plugins.encours")


class _ToMkDocsLog(logging.Handler):
    """What the generator says while it works (logger ``encours``: a minute of Brotli on a first
    build), said the way MkDocs says everything."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


_generator_log = logging.getLogger("encours")
if not _generator_log.handlers:
    _generator_log.addHandler(_ToMkDocsLog())
    _generator_log.setLevel(logging.INFO)
    _generator_log.propagate = False


class EncoursPlugin(BasePlugin[EncoursConfig]):
    serving: ClassVar[bool] = False
    """Under ``mkdocs serve`` (this process serves, every build of its configuration): no
    Content-Security-Policy, which would block live reload's inline script. A class attribute:
    each rebuild loads new instances, and an ``on_startup`` event would make MkDocs reuse one
    instance for every language's build."""

    def __init__(self) -> None:
        self.language: str | None = None
        """The language this build renders; None: the first of ``languages``."""
        self.handbook: Handbook | None = None

    @property
    def primary(self) -> bool:
        return self.language in (None, self.config.languages[0])

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        languages = self.config.languages
        lang = self.language or languages[0]
        try:
            self.handbook = build_handbook(
                Path(config.config_file_path).parent,
                lang=lang,
                policy_dir=Path(self.config.policy_dir),
                cache_dir=Path(self.config.cache_dir),
                snapshot=self.config.snapshot,
                # A further language uses the first one's Pyodide runtime instead of a copy.
                runtime_root="" if self.primary else "../",
            )
        except PolicyInvalid as invalid:
            problems = "\n".join(map(str, invalid.problems))
            raise PluginError(f"the policy is invalid:\n{problems}") from None
        for warning in self.handbook.warnings:
            log.warning(warning)
        for note in self.handbook.notes:  # what the build could not know (no git history)
            log.info(note)
        config.theme["language"] = self.handbook.lang
        # Material prints site_name raw (in <title>, the header, aria-label="…"): escaped
        # here, as Markup so that the templates' own `| e` does not escape it twice.
        config.site_name = escape(self.handbook.site_name)
        config.nav = self.handbook.nav
        # The service worker (offline reading) is not for mkdocs serve's rebuilds.
        config.extra["encours"] = {**self.handbook.stamp, "offline": not self.serving}
        if len(languages) > 1:
            config.extra["alternate"] = language_switch(lang, languages)
        # Instant navigation follows only links under site_url: where this language is served.
        if config.site_url and not self.primary:
            config.site_url = config.site_url.rstrip("/") + f"/{lang}/"
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.handbook is None:
            return files
        for path, markdown in self.handbook.pages.items():
            files.append(File.generated(config, path, content=markdown))
        for asset in self.handbook.assets:
            if asset.source is not None:
                files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
            else:
                files.append(File.generated(config, asset.path, content=asset.content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if self.handbook is None or page.file.src_uri not in self.handbook.pages:
            return html
        return sanitize(html)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> None:
        # After the first build, which put the policy in: taken out, and not put in again.
        EncoursPlugin.serving = True
        remove_policy(Path(config.site_dir))
        write_stopped_service_worker(Path(config.site_dir))
        server.watch(self.config.policy_dir)
        for package in (encours, calculators):
            server.watch(str(Path(package.__file__).parent))

    # Last, after every other plugin has finished this language: MkDocs hands the next build
    # the same instances of the plugins it caches (search), which start over in on_config.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.handbook is None or not self.primary:
            return
        content_hashes = {self.handbook.lang: self.handbook.stamp["content_hash"]}
        for lang in self.config.languages[1:]:
            log.info("Building the %s handbook into %s/", lang, lang)
            other = load_config(
                config.config_file_path,
                site_dir=str(Path(config.site_dir) / lang),
                site_url=config.site_url,
                strict=config.strict,
            )
            plugin = other.plugins["encours"]
            assert isinstance(plugin, EncoursPlugin)
            plugin.config = self.config
            plugin.language = lang
            build(other)
            if plugin.handbook is not None:
                content_hashes[lang] = plugin.handbook.stamp["content_hash"]
        site_dir = Path(config.site_dir)
        if self.serving:
            write_stopped_service_worker(site_dir)
            return
        secure_site(site_dir)
        write_service_worker(site_dir, self.config.languages, content_hashes)
