"""The dashboard's widgets, one per file with its own DEFAULT_CSS: the side panels, their fields and the log."""
