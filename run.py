#!/usr/bin/env python3
"""Set up Emprise from a clean clone and run it: the README's two commands.

    python3 run.py demo    # install, build the demo workspace, write the HTML report
    python3 run.py test    # install, run the whole test suite

Only Python 3.11+ is needed beforehand. Everything goes into ./.venv; a second
run reuses it and only reinstalls when pyproject.toml changed. Any further
arguments are passed on (``python3 run.py test -k csv``, ``python3 run.py demo --lang fr``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".emprise-installed"


def _python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install Emprise with its test tools, unless already current."""
    if sys.version_info < (3, 11):
        sys.exit(f"Emprise needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    if not BIN.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # uv installs in seconds what pip takes a minute for; pip is the fallback.
    subprocess.run([_python(), "-m", "pip", "install", "-q", "uv"], check=False)
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    target = [f"{ROOT}[dev]"]
    if uv.exists():
        # --compile-bytecode: machines that set PYTHONDONTWRITEBYTECODE would otherwise
        # compile every imported module again at each start (seconds per command).
        cmd = [str(uv), "pip", "install", "-q", "--compile-bytecode", "--python", _python(), "-e", *target]
    else:
        cmd = [_python(), "-m", "pip", "install", "-q", "-e", *target]
    print("Installing Emprise and its dependencies …", flush=True)
    subprocess.run(cmd, check=True)
    STAMP.write_text(_wanted_stamp())


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return subprocess.call([str(BIN / "emprise"), "demo", *rest])
    # Tests use every core; the PostgreSQL tests run against the local server.
    return subprocess.call([_python(), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
