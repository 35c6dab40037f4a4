"""Classed colour scales for choropleths, readable with the common colour-vision deficiencies.

Counts in a register are skewed (a few countries hold most of the records), so class limits are round
numbers spaced evenly on a log scale: every class is easy to read ("11–50") and each holds a part of the
range that matters. Colours are five steps of viridis, light to dark, which differ in lightness as well
as hue, so they stay in order in greyscale and for people with any colour-vision deficiency; "no
results" is a neutral grey with none of viridis's hue.
"""

import math
from dataclasses import dataclass

# viridis at 0.95, 0.75, 0.5, 0.25, 0.05 (Matplotlib's table): light (few) to dark (many).
PALETTE = ("#dfe318", "#7ad151", "#21918c", "#3b528b", "#471365")
NO_RESULTS = "#e3e6ea"
MAX_CLASSES = len(PALETTE)
NICE_STEPS = (1, 2, 3, 5)


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    colour: str
    index: int

    def holds(self, value):
        return self.low <= value <= self.high


def nice(value):
    """The 1-2-3-5 × 10^n number nearest to ``value`` on a log scale (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    candidates = [step * magnitude for step in NICE_STEPS] + [10 * magnitude]
    return min(candidates, key=lambda candidate: abs(math.log(candidate / value)))


def limits(values, classes=MAX_CLASSES):
    """[(low, high), ...] covering every positive value, at most ``classes`` of them, in order.

    A narrow range gets one class per number; otherwise the upper limits are round numbers at evenly
    spaced points between the smallest and the largest value on a log scale.
    """
    positive = sorted({value for value in values if value > 0})
    if not positive:
        return []
    low, high = positive[0], positive[-1]
    if high - low < classes:
        return [(value, value) for value in range(low, high + 1)]
    uppers = []
    for step in range(1, classes):
        upper = nice(low * (high / low) ** (step / classes))
        if low <= upper < high and (not uppers or upper > uppers[-1]):
            uppers.append(upper)
    result, start = [], low
    for upper in [*uppers, high]:
        result.append((start, upper))
        start = upper + 1
    return result


def bins(values):
    """The classes of ``values`` with their colours, spread over the palette so few classes still differ."""
    spans = limits(values)
    last = len(PALETTE) - 1
    indexes = [2] if len(spans) == 1 else [round(i * last / (len(spans) - 1)) for i in range(len(spans))]
    return [Bin(low, high, PALETTE[index], index) for (low, high), index in zip(spans, indexes, strict=True)]


def colour(value, scale):
    """The fill for ``value`` under ``scale`` (a list of bins): "no results" for zero or no value."""
    for bin_ in scale:
        if value and bin_.holds(value):
            return bin_
    return None
