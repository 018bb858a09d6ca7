"""How the calculator page's Python starts: from the build's memory snapshot when it is there and
was made for this Pyodide and this calculators bundle, else the normal way; either way the page
computes what CPython computes.

The fallbacks are driven as a reader's browser would meet them: the snapshot missing (404), its
bytes damaged, and a valid snapshot made for another bundle (its marker does not match).
"""

from __future__ import annotations

import gzip
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import brotli
import pytest
from playwright.sync_api import BrowserContext, Page

from encours.snapshot import MAKER, gzipped, pack
from tests.support.calculator_page import Calculator
from tools.chromium import BOOT_TIMEOUT_MS, until
from tools.invoices import HEADER
from tools.serve import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# The snapshot's two copies, Brotli and gzip (the worker takes the first it can use).
SNAPSHOT = re.compile(r".*/assets/pyodide/[^/]+/snapshot-[0-9a-f]+\.pack\.(br|gz)$")


def start(context: BrowserContext, reference_rates: dict) -> tuple[Calculator, list[str]]:
    """Open the penalty page, change the amount, and wait for Python's result."""
    page: Page = context.new_page()
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    calculator = Calculator(page, reference_rates)
    calculator.open()
    calculator.wait_ready()
    calculator.set("amount", "12 345,67")
    return calculator, warnings


def boot_from(calculator: Calculator) -> str:
    return calculator.page.evaluate("() => window.encoursCalculators.bootFrom")


def assert_computes_like_cpython(calculator: Calculator) -> None:
    expected = calculator.cpython()
    assert expected["amount"] == "12345.67"
    calculator.assert_shows(expected)
    calculator.assert_reads(expected)


def test_python_starts_from_the_build_snapshot(new_context: Callable[..., BrowserContext],
                                                policy_json: dict, built_site: Path) -> None:
    assert list(built_site.glob("assets/pyodide/*/snapshot-*.pack.br"))
    requested: list[str] = []
    context = new_context()
    context.on("request", lambda request: requested.append(request.url))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    assert [url for url in requested if "/snapshot-" in url], "the snapshot was not fetched"
    # The Brotli copies only (decoded by the decoder under assets/brotli/), and neither the full
    # standard library nor the bundle (in the snapshot already).
    runtime = [url.rsplit("/", 1)[-1] for url in requested if "/assets/pyodide/" in url]
    assert sorted(runtime) == sorted([
        "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.br", "pyodide-lock.json",
        *[name for name in runtime if name.startswith(("snapshot-", "stdlib-"))]]), runtime
    assert [name for name in runtime if name.startswith("snapshot-") and name.endswith(".pack.br")]
    assert [name for name in runtime if name.startswith("stdlib-") and name.endswith(".zip.br")]
    assert len(runtime) == 6, runtime
    decoder = [url.rsplit("/", 1)[-1] for url in requested if "/assets/brotli/" in url]
    assert sorted(decoder) == ["brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm.gz"], decoder
    assert not [url for url in requested if "/calculators/calculators-" in url]
    assert not [text for text in warnings if "Encours" in text]
    assert_computes_like_cpython(calculator)


DAMAGED = {
    "not gzip": b"\x01" * 1_000_000,
    "gzip of something else": gzip.compress(b"ENCSNAP1" + b"\x01" * 1_000_000),
    "cut gzip": gzip.compress(bytes(range(256)) * 4000)[:50_000],
}
# Brotli has no checksum: a stream that decodes well but is not the build's is caught by the
# SHA-256 the page gives.
DAMAGED_BROTLI = {
    "not brotli": b"\x01" * 1_000_000,
    "brotli of something else": brotli.compress(b"ENCSNAP1" + b"\x01" * 1_000_000),
    "cut brotli": brotli.compress(random.Random(1).randbytes(200_000))[:50_000],
}


# What a calculator page's worker keeps for the next visit (encours-bytes.mjs): the WebAssembly,
# decompressed, in Cache Storage; the memory snapshot, unpacked, and the trimmed standard
# library, decompressed, in the origin private file system (only files that have been written in
# full: a file being written is empty until then).
KEPT = """async () => {
  const cache = await caches.open("encours-runtime");
  const cached = (await cache.keys()).map((request) => request.url);
  const folder = await (await navigator.storage.getDirectory())
    .getDirectoryHandle("encours-runtime", { create: true });
  const files = {};
  for await (const [name, handle] of folder.entries()) {
    try {
      files[name] = (await handle.getFile()).size;
    } catch (_) {
      // Gone since it was listed: a write's temporary file, put in place (or away) meanwhile.
    }
  }
  return { cached, files };
}"""
KEPT_SNAPSHOT = re.compile(r"snapshot-[0-9a-f]{16}\.pack\.unpacked")
KEPT_STDLIB = re.compile(r"stdlib-[0-9a-f]{16}\.zip")


def kept_size(kept: dict, name: re.Pattern[str] = KEPT_SNAPSHOT) -> int:
    """The size of the kept file called ``name`` (0: none, or not written yet)."""
    return next((size for file, size in kept["files"].items() if name.fullmatch(file)), 0)


def runtime_kept(kept: dict) -> bool:
    return (any(url.endswith("/pyodide.asm.wasm") for url in kept["cached"])
            and kept_size(kept) > 0 and kept_size(kept, KEPT_STDLIB) > 0)


def visit_and_keep(context: BrowserContext, reference_rates: dict) -> None:
    """A first visit, left open until the worker has kept the runtime for the next one. The
    inputs it kept are forgotten: the next visit starts from the policy's defaults (typing the
    kept amount again would change nothing, and compute nothing)."""
    first, _ = start(context, reference_rates)
    until(first.page, KEPT, check=runtime_kept)
    first.page.evaluate("() => localStorage.clear()")
    first.page.close()


def kept_then_damaged(context: BrowserContext, reference_rates: dict,
                      damage: str) -> tuple[Page, Any]:
    """A first visit that keeps the runtime (:func:`visit_and_keep`), then a handbook page of the
    same browser that runs ``damage`` (a script cutting a kept file short): the page, and what
    the script returned."""
    visit_and_keep(context, reference_rates)
    page = context.new_page()
    page.goto("/")
    return page, page.evaluate(damage)


def start_past_damage(context: BrowserContext, reference_rates: dict,
                      fetched_again: str) -> Calculator:
    """The visit after a kept file was damaged (:func:`kept_then_damaged`): it says so, fetches
    the file whose URL ends with ``fetched_again`` from the site, starts from the snapshot and
    computes like CPython."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    calculator, warnings = start(context, reference_rates)
    assert boot_from(calculator) == "snapshot"
    assert any("damaged" in text for text in warnings), warnings
    assert [url for url in requested if url.endswith(fetched_again)], requested
    assert_computes_like_cpython(calculator)
    return calculator


def test_a_first_visit_downloads_the_standard_library_once_python_has_started(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """A snapshot start reads nothing from the trimmed standard library: on a first visit its
    copy is fetched once Python has started (the next test holds it back: Python starts all
    the same), then kept, and told to the page for the offline copy."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    until(calculator.page, KEPT, check=lambda kept: kept_size(kept, KEPT_STDLIB) > 0)
    assert [url for url in requested if re.search(r"/stdlib-[0-9a-f]+\.zip\.br$", url)]
    until(calculator.page, "() => window.encoursCalculators.loaded",
          check=lambda loaded: any("/stdlib-" in url for url in loaded))
    assert not [text for text in warnings if "Encours" in text]


def test_python_reads_the_standard_library_over_the_network_until_its_copy_is_there(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """The trimmed standard library's copies held back (a slow line): a Windows-1252 file needs
    the codec from it (encodings.cp1252, not in the snapshot); Python reads it from the zip
    itself, over the network, and computes the file as the command line does."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route(re.compile(r".*/stdlib-[0-9a-f]+\.zip\.(br|gz)$"), lambda route: None)
    calculator, _ = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    page = calculator.page
    page.set_input_files(".encours-batch [data-batch-file]", files=[{
        "name": "factures.csv", "mimeType": "text/csv",
        "buffer": f"{HEADER}\nF1;Société Générale;10000;2025-09-30;2025-11-30\n".encode("cp1252"),
    }])
    page.wait_for_selector(".encours-batch[data-done]", state="attached", timeout=BOOT_TIMEOUT_MS)
    assert page.get_attribute('[data-batch-output="totals.total"]', "data-value") == "243.05"
    assert "Société Générale" in page.inner_text('[data-batch-rows="by_customer"]')
    assert [url for url in requested if re.search(r"/stdlib-[0-9a-f]+\.zip$", url)], requested


def test_a_second_visit_takes_the_wasm_and_the_snapshot_the_first_kept(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """The first visit keeps pyodide.asm.wasm, decompressed, in Cache Storage, and the memory
    snapshot, unpacked, and the trimmed standard library, decompressed, in the origin private
    file system; the next one starts from them (neither downloaded nor decompressed again) and
    computes the same."""
    context = new_context()
    visit_and_keep(context, policy_json["reference_rates"])
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    assert not [url for url in requested
                if "pyodide.asm.wasm" in url or "/snapshot-" in url or "/stdlib-" in url], requested
    assert not [text for text in warnings if "Encours" in text]
    assert_computes_like_cpython(calculator)


def test_a_damaged_kept_snapshot_is_fetched_again_and_replaced(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """The snapshot kept in the browser damaged (cut short): that visit does not use it, takes
    the build's snapshot from the site instead, computes the same, and keeps a whole copy that
    the next visit starts from."""
    context = new_context()
    rates = policy_json["reference_rates"]
    page, whole = kept_then_damaged(context, rates, """async () => {
      const root = await navigator.storage.getDirectory();
      const folder = await root.getDirectoryHandle("encours-runtime");
      let whole = 0; // the kept file's size before it is cut
      for await (const [name, handle] of folder.entries()) {
        if (!name.endsWith(".unpacked")) continue;
        const file = await handle.getFile();
        whole = file.size;
        const writable = await handle.createWritable();
        await writable.write(file.slice(0, 1000));
        await writable.close();
      }
      return whole;
    }""")
    assert whole > 1000
    assert kept_size(page.evaluate(KEPT)) == 1000
    calculator = start_past_damage(context, rates, ".pack.br")
    until(page, KEPT, check=lambda kept: kept_size(kept) == whole)
    page.evaluate("() => localStorage.clear()")
    calculator.page.close()
    page.close()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    again, _ = start(context, rates)
    assert boot_from(again) == "snapshot"
    assert not [url for url in requested if "/snapshot-" in url], requested


def test_a_damaged_kept_webassembly_is_forgotten_and_the_raw_file_used(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """The WebAssembly kept in Cache Storage damaged (cut short): that visit says so, compiles
    the raw pyodide.asm.wasm instead, starts from the kept snapshot and computes the same; the
    damaged copy is forgotten (the next visit fetches the file again), never used twice."""
    context = new_context()
    rates = policy_json["reference_rates"]
    page, _ = kept_then_damaged(context, rates, """async () => {
      const cache = await caches.open("encours-runtime");
      for (const request of await cache.keys()) {
        if (!request.url.endsWith("/pyodide.asm.wasm")) continue;
        const whole = await (await cache.match(request)).arrayBuffer();
        const headers = { "Content-Type": "application/wasm" };
        await cache.put(request, new Response(whole.slice(0, 1000), { headers }));
      }
    }""")
    start_past_damage(context, rates, "/pyodide.asm.wasm")
    assert not [url for url in page.evaluate(KEPT)["cached"] if url.endswith("/pyodide.asm.wasm")]


@pytest.mark.parametrize("damage", ["missing", *DAMAGED])
def test_without_a_usable_snapshot_python_starts_normally(
    new_context: Callable[..., BrowserContext], policy_json: dict, damage: str
) -> None:
    """Both copies of the snapshot missing or damaged (the .br as the .gz)."""
    context = new_context()
    if damage == "missing":
        context.route(SNAPSHOT, lambda route: route.fulfill(status=404, body="not found"))
    else:
        context.route(SNAPSHOT, lambda route: route.fulfill(
            status=200, body=DAMAGED[damage], content_type="application/gzip"))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "start"
    assert any("normal start" in text for text in warnings), warnings
    assert_computes_like_cpython(calculator)


@pytest.mark.parametrize(("file", "damage"), [
    *((r"snapshot-[0-9a-f]+\.pack", damage) for damage in DAMAGED_BROTLI),
    (r"pyodide\.asm\.wasm", "brotli of something else"),
    (r"stdlib-[0-9a-f]+\.zip", "cut brotli"),
])
def test_a_damaged_brotli_copy_is_left_for_the_gzip_one(
    new_context: Callable[..., BrowserContext], policy_json: dict, file: str, damage: str
) -> None:
    """A .br copy that is not Brotli, is cut short, or decodes to other bytes than the build's
    (its SHA-256 differs from the page's): the worker says so, takes the .gz copy, still starts
    from the snapshot and computes like CPython."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route(re.compile(rf".*/assets/pyodide/[^/]+/{file}\.br$"), lambda route: route.fulfill(
        status=200, body=DAMAGED_BROTLI[damage], content_type="application/x-brotli"))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    assert any(".br could not be used" in text or "is damaged" in text for text in warnings), \
        warnings
    assert [url for url in requested if re.search(rf"/{file}\.gz$", url)], requested
    assert_computes_like_cpython(calculator)


def test_without_the_brotli_decoder_the_gzip_copies_are_used(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """The decoder's files missing (a partial upload, say): the worker says so once per file,
    takes the three .gz copies, starts from the snapshot and computes like CPython."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/assets/brotli/**", lambda route: route.fulfill(status=404, body="no"))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    assert any(".br could not be used" in text for text in warnings), warnings
    for name in (r"pyodide\.asm\.wasm", r"snapshot-[0-9a-f]+\.pack", r"stdlib-[0-9a-f]+\.zip"):
        assert [url for url in requested if re.search(rf"/{name}\.gz$", url)], (name, requested)
    assert_computes_like_cpython(calculator)


def test_damaged_compressed_copies_of_the_wasm_leave_the_raw_file(
    new_context: Callable[..., BrowserContext], policy_json: dict
) -> None:
    """pyodide.asm.wasm's .br and .gz both damaged: the worker says so, compiles the raw
    pyodide.asm.wasm, still starts from the snapshot (whose unpacking needs the wasm's bytes:
    the raw file's), and computes like CPython."""
    context = new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/assets/pyodide/*/pyodide.asm.wasm.br", lambda route: route.fulfill(
        status=200, body=DAMAGED_BROTLI["cut brotli"], content_type="application/x-brotli"))
    context.route("**/assets/pyodide/*/pyodide.asm.wasm.gz", lambda route: route.fulfill(
        status=200, body=DAMAGED["cut gzip"], content_type="application/gzip"))
    calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "snapshot"
    assert any("is damaged" in text for text in warnings), warnings
    assert [url for url in requested if url.endswith("/pyodide.asm.wasm")]
    assert_computes_like_cpython(calculator)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to make a snapshot")
def test_a_snapshot_made_for_another_bundle_is_not_used(
    new_context: Callable[..., BrowserContext], policy_json: dict, built_site: Path,
    tmp_path: Path
) -> None:
    """A real snapshot, loadable, but made from a different calculators bundle: the stale code
    in it must not answer; the page starts Python normally with the bundle it ships."""
    [bundle] = built_site.glob("assets/calculators/calculators-*.zip")
    [runtime] = built_site.glob("assets/pyodide/*/")
    raw = tmp_path / "other.bin"
    marker = f"{runtime.name} calculators-000000000000.zip"
    subprocess.run(["node", str(MAKER), str(ROOT / "node_modules" / "pyodide"), str(bundle),
                    marker, str(raw)], check=True, capture_output=True, timeout=300)
    wasm = (runtime / "pyodide.asm.wasm").read_bytes()
    (tmp_path / "other.pack.gz").write_bytes(gzipped(pack(raw.read_bytes(), wasm), 1))
    context = new_context()
    # Its 31 MB come from a second local server, the request sent there unseen by the page
    # (fulfilling it with the bytes would push them through Playwright's protocol: minutes).
    with serve(tmp_path) as elsewhere:
        context.route(SNAPSHOT, lambda route: route.continue_(url=f"{elsewhere}/other.pack.gz"))
        calculator, warnings = start(context, policy_json["reference_rates"])
    assert boot_from(calculator) == "start"
    assert any(marker in text and bundle.name in text for text in warnings), warnings
    assert_computes_like_cpython(calculator)
