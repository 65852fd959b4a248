"""``python -m emprise`` runs the command line."""

from emprise.views.cli import main

main()
