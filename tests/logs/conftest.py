"""Shared helpers for the log-analytics tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"
GENERATOR = Path("/work/shared/bench/gen_squid.py")


@pytest.fixture
def pseudonymiser():
    from emprise.logs.privacy import Pseudonymiser

    return Pseudonymiser(b"k" * 32)


def load_generator():
    """The benchmark's Squid generator (outside the repo); tests that need it skip without it."""
    if not GENERATOR.exists():
        pytest.skip(f"{GENERATOR} not present")
    spec = importlib.util.spec_from_file_location("gen_squid", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generated_squid(tmp_path_factory):
    """A 20,000-line generated Squid log and its truth file."""
    generator = load_generator()
    folder = tmp_path_factory.mktemp("gen")
    log, truth = folder / "access.log", folder / "truth.json"
    argv = sys.argv
    try:
        sys.argv = ["gen_squid.py", "20000", str(log), str(truth)]
        generator.main()
    finally:
        sys.argv = argv
    return log, truth
