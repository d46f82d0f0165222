"""The book's pictures as widgets: plotext figures drawn at the widget's size from the session's history."""
