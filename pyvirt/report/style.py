"""One paper style for every figure: one-column width, small sans-serif text, the Okabe-Ito
colour-blind-safe palette plus hatching (readable in greyscale), labelled units, and
reproducible files (no timestamps in the PDF or PNG metadata)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLUMN_WIDTH = 3.4               # inches: one column of a two-column ACM/IEEE paper
PANEL_HEIGHT = 1.75              # inches per panel
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
HATCHES = ["", "////", "....", "xxxx", "\\\\\\\\", "oo", "++", "--"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
# Fixed colours for the mode variants the studies use, so a mode looks the same in every figure.
KNOWN = ["native", "trap", "pv", "hvm-shadow", "hvm-nested", "hvm", "bare-metal", "hosted"]

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.titlesize": 7,
    "axes.labelsize": 7,
    "xtick.labelsize": 6,
    "ytick.labelsize": 6,
    "legend.fontsize": 6,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "lines.linewidth": 1.0,
    "lines.markersize": 3.5,
    "patch.linewidth": 0.4,
    "hatch.linewidth": 0.4,
    "grid.linewidth": 0.4,
    "grid.alpha": 0.4,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.hashsalt": "pyvirt",
    "savefig.dpi": 300,
}


class Styler:
    """Assigns each series (hue value) a colour, hatch and marker, stable within a report."""

    def __init__(self):
        self.assigned = {}

    def index(self, name) -> int:
        key = str(name)
        if key not in self.assigned:
            if key in KNOWN:
                self.assigned[key] = KNOWN.index(key) % len(PALETTE)
            else:
                used = set(self.assigned.values())
                free = [i for i in range(len(PALETTE)) if i not in used]
                self.assigned[key] = free[0] if free else len(self.assigned) % len(PALETTE)
        return self.assigned[key]

    def colour(self, name):
        return PALETTE[self.index(name)]

    def hatch(self, name):
        return HATCHES[self.index(name) % len(HATCHES)]

    def marker(self, name):
        return MARKERS[self.index(name) % len(MARKERS)]


def figure(panels: int, height=None):
    with plt.rc_context(RC):
        fig, axes = plt.subplots(panels, 1, figsize=(COLUMN_WIDTH, height or (0.6 + PANEL_HEIGHT * panels)),
                                 squeeze=False)
    return fig, [row[0] for row in axes]


def legend(fig, handles, labels, ncol=3):
    """One legend for the whole figure, above the panels; returns the rows it takes."""
    if not handles:
        return 0
    ncol = max(1, min(ncol, len(handles)))
    with plt.rc_context(RC):
        fig.legend(handles, labels, loc="upper center", ncol=ncol, bbox_to_anchor=(0.5, 1.0),
                   borderaxespad=0.1, columnspacing=1.0, handlelength=1.6)
    return -(-len(handles) // ncol)


def patch(styler, name, present=True):
    """A legend handle for a bar series (hollow when the series was not run)."""
    from matplotlib.patches import Patch
    if present:
        return Patch(facecolor=styler.colour(name), hatch=styler.hatch(name), edgecolor="black", linewidth=0.4)
    return Patch(facecolor="white", edgecolor=styler.colour(name), linestyle="--", linewidth=0.8)


def save(fig, base, legend_rows=0) -> list:
    """Write base.pdf and base.png without timestamps; return the paths."""
    with plt.rc_context(RC):
        height = fig.get_size_inches()[1]
        fig.tight_layout(rect=(0, 0, 1, 1 - (0.05 + 0.14 * legend_rows) / height) if legend_rows else None)
        fig.savefig(f"{base}.pdf", metadata={"CreationDate": None, "ModDate": None})
        fig.savefig(f"{base}.png", metadata={"Software": None})
    plt.close(fig)
    return [f"{base}.pdf", f"{base}.png"]


def context():
    return plt.rc_context(RC)
