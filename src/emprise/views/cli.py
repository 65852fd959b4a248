"""Command-line interface (placeholder while the foundation lands)."""


def main() -> None:  # pragma: no cover - replaced by the Typer app
    raise SystemExit("emprise: CLI not assembled yet")
