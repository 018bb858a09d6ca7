"""The Brotli copies of the runtime's big files (encours/precompressed.py): what they hold, their
digest, and that each is made once."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli
import pytest

from encours import precompressed
from encours.assets import Asset

WASM_LIKE = b"\0asm\1\0\0\0" + bytes(range(256)) * 40
PACK_LIKE = b"ENCSNAP1" + b"\0" * 5_000 + os.urandom(2_000)


@pytest.fixture
def files(tmp_path: Path) -> list[Asset]:
    wasm = tmp_path / "pyodide.asm.wasm"
    wasm.write_bytes(WASM_LIKE)
    packed = tmp_path / "snapshot-0123.pack.gz"
    packed.write_bytes(gzip.compress(PACK_LIKE, mtime=0))
    return [Asset("assets/pyodide/1/pyodide.asm.wasm", source=wasm),
            Asset("assets/pyodide/1/snapshot-0123.pack.gz", source=packed)]


def test_a_copy_holds_the_file_or_what_its_gz_holds_and_its_digest_is_the_pages(
    files: list[Asset], tmp_path: Path,
) -> None:
    shipped, digests = precompressed.brotli_assets(files, tmp_path / "cache")
    assert [asset.path for asset in shipped] == ["assets/pyodide/1/pyodide.asm.wasm.br",
                                                 "assets/pyodide/1/snapshot-0123.pack.br"]
    assert brotli.decompress(shipped[0].read()) == WASM_LIKE
    assert brotli.decompress(shipped[1].read()) == PACK_LIKE
    assert digests == {"pyodide.asm.wasm": hashlib.sha256(shipped[0].read()).hexdigest(),
                       "snapshot-0123.pack": hashlib.sha256(shipped[1].read()).hexdigest()}


def test_each_copy_is_made_once_and_made_again_when_its_source_changes(
    files: list[Asset], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[int] = []
    compress = brotli.compress

    def counting(data: bytes, **options: int) -> bytes:
        made.append(len(data))
        return compress(data, **options)

    monkeypatch.setattr(precompressed.brotli, "compress", counting)
    cache = tmp_path / "cache"
    first = precompressed.brotli_assets(files, cache)
    assert len(made) == 2
    assert precompressed.brotli_assets(files, cache) == first
    assert len(made) == 2, "a copy was made again from the same file"
    changed = WASM_LIKE + b"\1"
    files[0].source.write_bytes(changed)
    shipped, digests = precompressed.brotli_assets(files, cache)
    assert len(made) == 3
    assert brotli.decompress(shipped[0].read()) == changed
    assert digests["pyodide.asm.wasm"] != first[1]["pyodide.asm.wasm"]
    assert digests["snapshot-0123.pack"] == first[1]["snapshot-0123.pack"]


def test_a_copy_without_its_digest_is_made_again(files: list[Asset], tmp_path: Path) -> None:
    """The digest is written last: a copy whose digest is missing (a build cut off between the
    two) is not trusted."""
    cache = tmp_path / "cache"
    shipped, digests = precompressed.brotli_assets(files, cache)
    shipped[0].source.with_suffix(".sha256").unlink()
    shipped[0].source.write_bytes(b"half")
    again, digests_again = precompressed.brotli_assets(files, cache)
    assert brotli.decompress(again[0].read()) == WASM_LIKE
    assert digests_again == digests
    assert not list(cache.glob("*.tmp"))
