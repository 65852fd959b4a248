"""Pseudonyms for the people named in logs (GDPR: logs name employees).

User ids and client addresses are replaced by a keyed hash, HMAC-SHA256 with a
key generated once per workspace and kept in a file of its own (mode 0600) next
to the store, never in a report. The same person gets the same pseudonym in
every run of the workspace, so a pseudonym can be followed over time and
re-identified only by whoever holds the key. ``reveal`` shows raw identities;
the caller records that it did (``record_run``).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from emprise.errors import EmpriseError

KEY_FILE_ENV = "EMPRISE_PSEUDONYM_KEY_FILE"
MIN_GROUP_ENV = "EMPRISE_MIN_GROUP"
DEFAULT_MIN_GROUP = 5
RUN_LOG_NAME = "emprise-discover-runs.jsonl"


class PrivacyError(EmpriseError):
    """The pseudonymisation key cannot be read or created."""


def key_path(store_location: str | None) -> Path:
    """Where the workspace's key lives: ``EMPRISE_PSEUDONYM_KEY_FILE``, else next to a
    SQLite store (``emprise.db`` -> ``emprise.db.pseudonym-key``), else in the current
    directory for a server store."""
    explicit = os.environ.get(KEY_FILE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    location = store_location or os.environ.get("EMPRISE_DB") or "emprise.db"
    if "://" in location:
        if location.startswith("sqlite:///"):
            location = location[len("sqlite:///"):]
        else:
            return Path("emprise.pseudonym-key").resolve()
    return Path(location).expanduser().resolve().with_name(Path(location).name + ".pseudonym-key")


def load_or_create_key(path: Path) -> bytes:
    """The key stored at ``path``, created (32 random bytes, mode 0600) if absent; raises PrivacyError."""
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        raise PrivacyError(f"{path}: unreadable pseudonymisation key ({exc})") from exc
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_or_create_key(path)
    except OSError as exc:
        raise PrivacyError(f"{path}: cannot create the pseudonymisation key ({exc.strerror})") from exc
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key.hex() + "\n")
    return key


@dataclass(frozen=True, slots=True)
class Pseudonymiser:
    """Turns an identity into what outputs may show: a pseudonym, or itself when revealing."""

    key: bytes
    reveal: bool = False

    def __call__(self, identity: str | None) -> str | None:
        """``u-`` and 16 hex digits of HMAC-SHA256(key, identity); None stays None."""
        if identity is None or self.reveal:
            return identity
        digest = hmac.new(self.key, identity.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return "u-" + digest.hexdigest()[:16]


def min_group_size(value: int | None = None) -> int:
    """The smallest group a view may show: ``value``, else EMPRISE_MIN_GROUP, else 5."""
    if value is not None:
        return max(1, value)
    raw = os.environ.get(MIN_GROUP_ENV)
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            raise PrivacyError(f"{MIN_GROUP_ENV}={raw!r} is not a whole number") from None
    return DEFAULT_MIN_GROUP


def _os_user() -> str | None:
    """Who ran the command, as the system knows them (a service or cron job sets no $USER)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no $USER/$LOGNAME and no passwd entry (some containers)
        return None


def record_run(key_file: Path, *, command: str, inputs: list[str], revealed: bool, engine: str) -> Path:
    """Append one JSON line describing the run next to the key (who asked for what); returns the log."""
    log = key_file.with_name(RUN_LOG_NAME)
    entry = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "command": command,
             "inputs": inputs, "revealed": revealed, "engine": engine,
             "os_user": _os_user()}
    try:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise PrivacyError(f"{log}: cannot record the run ({exc.strerror})") from exc
    return log
