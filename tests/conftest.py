"""Shared fixtures. Store tests run on SQLite and on the real PostgreSQL server.

PostgreSQL: ``EMPRISE_TEST_PG_URL`` (default: the local server's ``test`` database).
Each test gets its own schema, so tests run in parallel and leave nothing behind.
Outside CI a missing server skips those tests; in CI (``CI`` set) it fails them:
the PostgreSQL store must be proven on every run.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PG_URL = os.environ.get("EMPRISE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = bool(os.environ.get("CI"))


def _pg_available() -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        return f"psycopg missing: {exc}"
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    try:
        with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username,
                             dbname=url.database, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {url.render_as_string(hide_password=True)}: {exc}"


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog (compiled once, from the cache when it is fresh)."""
    from emprise.catalog import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def pg_server() -> str:
    problem = _pg_available()
    if problem:
        if IN_CI:
            pytest.fail(f"CI must run the PostgreSQL tests: {problem}")
        pytest.skip(problem)
    return PG_URL


@pytest.fixture
def pg_url(pg_server, request) -> str:
    """A URL whose search_path is a fresh schema, dropped after the test."""
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(pg_server)
    params = dict(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database)
    with psycopg.connect(**params, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with psycopg.connect(**params, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """Each store test runs twice: on a SQLite file and on a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "emprise.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url):
    from emprise.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()
