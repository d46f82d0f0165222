"""The ``?`` screen: every key, and what lr, iterations and the charts mean in the book's words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HelpScreen", "HELP_TEXT"]

HELP_TEXT = """\
# gd-tui — watch gradient descent

The model predicts **y = w·x + b**; the loss is the mean squared error of its
predictions. Picture the loss curve as a valley and a hiker who can see only
the ground under their feet. **The gradient points uphill**, so each step goes
the other way: `w -= lr * dL/dw` (and `b -= lr * dL/db` when b is trained).

* **lr** (learning rate) is the size of each step, in proportion to the slope.
  Too small and the hiker crawls; above the *critical lr* (2 / the largest
  curvature of the loss) every step overshoots the basecamp further and the
  loss explodes: the run pauses itself and says so.
* **iterations** is how many steps to take. The book stops after a fixed
  number: more iterations give a lower loss, ever more slowly.
* **tolerance** (optional) stops early when the loss changes by less than it.
* **Log**: `Iteration i => Loss: L` is the loss *before* step i's update,
  exactly as the book prints it; the last line is the trained `w=…`.
  Lines starting with `#` are ours (a changed lr), not the book's.

## Views

1. **Loss per iteration** — the loss falling (or rising) as the run goes.
2. **Loss curve** — L(w) with a green cross at its minimum, the hiker at
   the current w and the gradient drawn as the slope under their feet.
   With b trained it is the slice L(w, b) at the current b.
3. **Fit** — the data and the current line y = w·x + b.
4. **Surface** — L(w, b) as a heat map with the path so far (b trained).

## Keys

| key | does |
|---|---|
| `enter`, `r` | start a new run with the form's values (from w = 0, b = 0) |
| `space` | pause / resume; resuming with a changed lr continues from the current w and b |
| `n` | one step (while paused) |
| `←` `→` | while paused: step the cursor back / forward through the recorded history |
| `home` `end` | while paused: jump to the first / newest iteration |
| `1`–`4` | switch view |
| `ctrl+r` | reset |
| `l` | log-scale y axis on the loss chart |
| `+` `-` | faster / slower (steps per tick: 1, 10, 100, 1000, max) |
| `tab` / `escape` | move between fields / leave the form so single keys work |
| `?` | this help |
| `q` | quit (`ctrl+q` works anywhere) |

In a form field, letters and digits are typed into the field; `enter` runs.
Moving the cursor back in time only looks: resuming always continues from
the newest step.
"""


class HelpScreen(ModalScreen[None]):
    """A modal help page; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """

    # The first focusable (the text), so the arrow and page keys scroll it.
    AUTO_FOCUS = "*"

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP_TEXT)
