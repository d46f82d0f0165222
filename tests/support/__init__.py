"""Helpers the tests share: the book's own loop, data cases, the installed command, and driving the app."""
