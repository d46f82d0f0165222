"""The gd-tui application: ``cli`` (the command) → ``app`` → ``screens`` → ``widgets`` and ``views`` → ``session`` → ``core``.

Each arrow is the only direction imports may go (tests/test_architecture.py
checks it), so a folder's name says what its code may touch.
"""
