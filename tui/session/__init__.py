"""The session, without Textual: settings, the run controller, its history and summary, and the status model."""
