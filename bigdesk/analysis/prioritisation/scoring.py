"""Scores to value: normalise each criterion, weigh, add up, and rank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bigdesk.analysis.prioritisation.data import (
    ALIGNMENT_KEY,
    ANCHOR_MAX,
    ANCHOR_MIN,
    DOTS_KEY,
    CriterionInfo,
    InitiativeInfo,
    PrioritisationData,
)
from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.analysis.prioritisation.weights import normalise
from bigdesk.model import ScoreScale

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float64]

# -- values are shown as points out of 100: an initiative scoring best on every criterion
FULL_MARKS = 100.0


def raw_matrix(data: PrioritisationData) -> Matrix:
    """Return the entered numbers, initiatives by criteria, with NaN where none is entered."""
    import numpy as np

    return np.array(
        [[np.nan if (v := data.raw_value(i, c)) is None else v for c in data.criteria]
         for i in data.initiatives],
        dtype=float,
    ).reshape(len(data.initiatives), len(data.criteria))  # fmt: skip


def normalise_scores(raw: Matrix, criteria: Sequence[CriterionInfo]) -> Matrix:
    """Return scores on 0 to 1 (1 best) for every criterion; an unscored cell counts 0.

    Anchored scores map 1..5 to 0..1; raw numbers are scaled min to max across the
    initiatives; computed alignment, a share with a true zero, is divided by its
    largest value, and so are dot votes. Cost criteria are inverted so that cheaper is better.
    """
    import numpy as np

    out = np.zeros_like(raw)
    for j, criterion in enumerate(criteria):
        column = raw[:, j]
        # -- a value that is not a finite number counts as not scored
        present = np.isfinite(column)
        if not present.any():
            continue
        values = column[present]
        if criterion.key in (ALIGNMENT_KEY, DOTS_KEY):
            top = values.max()
            scaled = values / top if top > 0 else np.zeros_like(values)
        elif criterion.scale is ScoreScale.ANCHORED:
            scaled = np.clip((values - ANCHOR_MIN) / (ANCHOR_MAX - ANCHOR_MIN), 0.0, 1.0)
        else:
            low, high = values.min(), values.max()
            # -- one value for everyone tells initiatives apart not at all: neutral middle
            scaled = (values - low) / (high - low) if high > low else np.full_like(values, 0.5)
        if criterion.is_cost:
            scaled = 1.0 - scaled
        out[present, j] = scaled
    return out


@dataclass(frozen=True)
class Ranking:
    """Initiatives' weighted values with the part each criterion contributes."""

    initiatives: list[InitiativeInfo]
    criteria: list[CriterionInfo]
    # -- normalised to sum to one
    weights: list[float]
    # -- initiatives by criteria, 0 to 1
    scores: Matrix
    # -- points (out of 100) each criterion adds to each initiative's value
    contributions: Matrix
    values: Matrix
    # -- indices into ``initiatives``, best first
    order: list[int]
    # -- (initiative index, criterion index) left unscored
    unscored: list[tuple[int, int]]

    def rank_of(self, index: int) -> int:
        """Return the 1-based rank of initiative ``index``."""
        return self.order.index(index) + 1

    def ranked(self) -> list[InitiativeInfo]:
        """Return the initiatives best first."""
        return [self.initiatives[i] for i in self.order]


def criterion_weights(criteria: Sequence[CriterionInfo]) -> list[float]:
    """Return the criteria's weights normalised to sum to one, or a clear error."""
    if not criteria:
        raise PrioritisationError("There are no criteria yet: add at least one criterion.")
    return normalise([c.weight for c in criteria], [c.name or c.key for c in criteria])


def rank(data: PrioritisationData) -> Ranking:
    """Return every initiative's weighted value and its breakdown, best first.

    Ties keep the initiatives' listed order, so the ranking is stable.
    """
    import numpy as np

    weights = criterion_weights(data.criteria)
    raw = raw_matrix(data)
    scores = normalise_scores(raw, data.criteria)
    contributions = scores * np.asarray(weights) * FULL_MARKS
    values = contributions.sum(axis=1)
    order = [int(i) for i in np.argsort(-values, kind="stable")]
    if data.settings.votes_break_ties:
        # -- values equal as shown are ordered by the room's dots
        dots = [data.dots(i.id) for i in data.initiatives]
        order.sort(key=lambda i: (-round(float(values[i]), 6), -dots[i]))
    unscored = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.isnan(raw)), strict=True)]
    return Ranking(list(data.initiatives), list(data.criteria), weights, scores, contributions,
                   values, order, unscored)  # fmt: skip
