"""Whole screens: the dashboard (the keys and the run's clock), the help, and the dialogs to come."""
