"""The gd-tui application package: the command line and the Textual dashboard.

Importing this package stays cheap: Textual is imported only when the
dashboard starts, so ``gd-tui --headless`` and ``--help`` start fast.
"""
