"""Serve a built handbook with Debian's nginx and the shipped ``deploy/nginx.conf``.

:func:`render` fills the configuration's two placeholders (``@LISTEN@``, ``@SITE@``);
:func:`serve_nginx` runs nginx in the foreground with that configuration in a scratch prefix (pid,
logs and temporary files there: no root needed) on a free port of 127.0.0.1, and stops it after.
The browser tests use it; ``python -m tools.nginx site`` serves a site the same way by hand::

    .venv/bin/python -m tools.nginx site --listen 127.0.0.1:8080
    .venv/bin/python -m tools.nginx site --listen 80 --print > /srv/encours/run/nginx.conf
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "nginx.conf"
NGINX = "/usr/sbin/nginx"
START_TIMEOUT_S = 10


def render(site: Path, listen: str, template: Path = CONFIG) -> str:
    """``deploy/nginx.conf`` for ``site`` (made absolute) on ``listen`` (``host:port``)."""
    text = template.read_text(encoding="utf-8")
    for placeholder in ("@LISTEN@", "@SITE@"):
        if placeholder not in text:
            raise ValueError(f"{template} has no {placeholder} placeholder")
    return text.replace("@LISTEN@", listen).replace("@SITE@", str(site.resolve()))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def nginx_command(prefix: Path) -> list[str]:
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"{NGINX} is missing: install Debian's nginx (see .ci/run)")
    command = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
               "-e", str(prefix / "error.log")]
    globals_ = "daemon off;"
    if os.geteuid() == 0:  # else nginx runs its workers as nobody, who cannot read a private tmp
        globals_ += " user root;"
    return [*command, "-g", globals_]


@contextmanager
def serve_nginx(site: Path) -> Iterator[str]:
    """Serve ``site`` with the shipped configuration on a free localhost port; yields the base
    URL (no trailing slash). Fails with nginx's own message if the configuration is refused."""
    with tempfile.TemporaryDirectory(prefix="encours-nginx-") as scratch:
        prefix = Path(scratch)
        (prefix / "tmp").mkdir()
        port = _free_port()
        (prefix / "nginx.conf").write_text(render(site, f"127.0.0.1:{port}"), encoding="utf-8")
        command = nginx_command(prefix)
        checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx refuses deploy/nginx.conf:\n{checked.stderr}")
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (prefix / "error.log").read_text(errors="replace") \
                        if (prefix / "error.log").exists() else ""
                    raise RuntimeError(f"nginx did not start on port {port}:\n{log}")
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nginx", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="address:port to listen on")
    parser.add_argument("--print", action="store_true",
                        help="print the filled configuration instead of running nginx")
    args = parser.parse_args(argv)
    if not (args.site / "_headers.nginx").exists():
        parser.error(f"{args.site}/_headers.nginx is missing: build the site first (make build)")
    if args.print:
        sys.stdout.write(render(args.site, args.listen))
        return 0
    prefix = Path(tempfile.mkdtemp(prefix="encours-nginx-"))
    try:
        (prefix / "tmp").mkdir()
        (prefix / "nginx.conf").write_text(render(args.site, args.listen), encoding="utf-8")
        print(f"Serving {args.site.resolve()} on http://{args.listen}/ (Ctrl-C stops)")
        return subprocess.call(nginx_command(prefix))
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
