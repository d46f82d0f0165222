"""The ``?`` screen: how to close it, every key, then what lr, iterations and the charts mean in the book's words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tui.screens.keys import DASHBOARD_KEYS

__all__ = ["EXPLANATIONS", "HelpScreen", "help_text"]

#: How the help reads after its key table, in the book's words.
EXPLANATIONS = """\
## What you are watching

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
* **start w0, b0**: where the hiker sets off (the book starts at 0, 0; its
  surface picture at w = -10, b = -100).
* **A sweep**: type several lrs, `0.001, 0.002, 0.005`, or a range,
  `0.001..0.01 x5` (five evenly spaced) or `0.0001..0.01 x3 log`, up to 8.
  They run side by side, in one vectorised pass, each exactly as it would
  alone; the first is the one you steer (its log; `n` steps them all, and
  pausing it pauses them all), the others are drawn beside it on the loss
  chart. The *optimal lr*, 2 / (λmin + λmax),
  converges fastest; the palette (`ctrl+p`) puts it in the lr field.
* **Log**: `Iteration i => Loss: L` is the loss *before* step i's update,
  exactly as the book prints it; the last line is the trained `w=…`.
  Lines starting with `#` are ours (a changed lr), not the book's.

## Views

1. **Loss per iteration**: the loss falling (or rising) as the run goes.
2. **Loss curve**: L(w) with a cross at its minimum, the hiker at the
   current w and the gradient drawn as the slope under their feet.
   With b trained it is the slice L(w, b) at the current b.
3. **Fit**: the data and the current line y = w·x + b.
4. **Surface**: L(w, b) as a heat map with the path so far (b trained).
5. **Runs**: every run that ended this session, kept with its settings and
   result; `enter` on a row shows that run again in every view (and its
   history can be browsed), `s` sorts by the next column. `c` draws the kept
   runs (up to 8) on the loss chart beside the current one; `x` forgets them
   (after asking). `e` exports the shown run into the export directory
   (`--export-dir`, the current one by default): its transcript `.txt`, its
   history `.csv` (`iteration,w,b,loss,grad_w,grad_b`) and an `.svg`
   screenshot, never over an existing file. `o` opens another data file
   (type a path, `→` completes a name; or pick it in the tree): the views
   follow its columns, the kept runs stay, each naming its data, and a bad
   file is named in one line with nothing lost.

In the form, `tab` and `shift+tab` move between fields, `space` ticks train b
and `←`/`→` change the speed; in a field, letters and digits are typed into
it, `enter` runs and `esc` leaves the form. Moving back in time only looks: resuming always continues
from the newest step. `ctrl+p` lists every action as a command.
"""


def help_text() -> str:
    """The help page: how to close it, the key table (from the dashboard's own keys), then the explanations."""
    # One row per action, or per group (the four views, the four browse keys), to keep the table short.
    rows: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for binding in DASHBOARD_KEYS:
        assert isinstance(binding, Binding)
        key = binding.key_display or {"escape": "esc", "left": "←", "right": "→"}.get(binding.key, binding.key)
        row = binding.group.description if binding.group else binding.tooltip
        rows.setdefault(row, []).append(key)
        names.setdefault(row, []).append(binding.description.lower())
    described = {"View": "Show a view: ", "Browse": "Paused or ended, move through the history: "}
    # A list, not a Markdown table: Textual draws a rule between table rows, which doubles its height.
    table = "\n".join(
        f"* `{' '.join(keys)}` — {described[row] + ', '.join(names[row]) if row in described else row}"
        for row, keys in rows.items()
    )
    lines = [
        "**esc**, **q** or **?** closes this help; ↑/↓ and page keys scroll it.",
        "",
        "## Keys",
        "",
        table,
        "",
        EXPLANATIONS,
    ]
    return "\n".join(lines)


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
            yield Markdown(help_text())
