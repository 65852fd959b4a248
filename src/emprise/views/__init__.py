"""Views: render what analyses return (CLI, HTML report, exports). No logic lives here."""
