"""Log formats. ``REGISTRY`` is the only place that lists them; modules load on first use."""

from __future__ import annotations

import importlib
from functools import cache

from emprise.logs.interface import LogError, LogFormat

# name -> "module:Class". The order breaks detection ties: earlier wins.
REGISTRY: dict[str, str] = {
    "squid": "emprise.logs.squid_native:SquidNative",
    "squid-common": "emprise.logs.squid_common:SquidCommon",
    "zeek-tsv": "emprise.logs.zeek:ZeekTsv",
    "zeek-json": "emprise.logs.zeek:ZeekJson",
    "bind": "emprise.logs.bind:BindQueryLog",
    "dnsmasq": "emprise.logs.dnsmasq:Dnsmasq",
    "windows-dns": "emprise.logs.windows_dns:WindowsDnsDebug",
    "csv": "emprise.logs.csv_mapped:MappedCsv",
}


@cache
def format_class(name: str) -> type[LogFormat]:
    """The format registered under ``name``; raises LogError listing the valid names."""
    try:
        target = REGISTRY[name]
    except KeyError:
        raise LogError(name, f"unknown log format (valid formats: {', '.join(REGISTRY)})") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def detect_format(first_lines: list[str] | tuple[str, ...], display_name: str) -> type[LogFormat]:
    """The format that reads a file starting with ``first_lines``; raises LogError."""
    lines = list(first_lines)
    if not any(line.strip() for line in lines):
        raise LogError(display_name, "the file is empty")
    best: tuple[int, type[LogFormat]] | None = None
    for name in REGISTRY:
        cls = format_class(name)
        score = cls.detect(lines)
        if score > 0 and (best is None or score > best[0]):
            best = (score, cls)
    if best is None:
        raise LogError(display_name, "log format not recognised from its first lines; give --log-format "
                       f"(one of: {', '.join(REGISTRY)})")
    return best[1]
