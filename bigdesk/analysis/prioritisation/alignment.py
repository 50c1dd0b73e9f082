"""Strategic alignment: how much of the strategy an initiative carries, from the cascade.

Each root (a purpose, or in an accountability node's scope each objective it owns)
carries an equal share of the strategy. A parent passes its share down to its
children in proportion to the link weights (percent of the parent the child
carries); children without a weight split what the weighted ones leave, equally.
An initiative's alignment is the sum of what reaches it along every path, so an
initiative serving several objectives through strong links scores highest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bigdesk.analysis.prioritisation.errors import PrioritisationError


@dataclass(frozen=True)
class Link:
    """A child element serving a parent, with the percent of the parent it carries (or None)."""

    parent: int
    child: int
    weight: float | None


def child_shares(links: Iterable[Link]) -> dict[int, list[tuple[int, float]]]:
    """Return, for each parent, its children with the share (0 to 1) of it each carries."""
    by_parent: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        by_parent[link.parent].append(link)
    shares: dict[int, list[tuple[int, float]]] = {}
    for parent, children in by_parent.items():
        weighted = [c for c in children if c.weight is not None]
        unweighted = [c for c in children if c.weight is None]
        given = sum(c.weight or 0.0 for c in weighted)
        # -- weights above 100 % in total are read as proportions
        scale = 100.0 if given <= 100 else given
        out = [(c.child, (c.weight or 0.0) / scale) for c in weighted]
        if unweighted:
            rest = max(0.0, 1.0 - given / scale) if weighted else 1.0
            out += [(c.child, rest / len(unweighted)) for c in unweighted]
        shares[parent] = out
    return shares


def strategic_alignment(
    roots: Sequence[int], links: Iterable[Link], initiatives: Sequence[int]
) -> dict[int, float]:
    """Return each initiative's share (0 to 1) of the strategy held by ``roots``.

    Raises PrioritisationError naming an element on a loop of alignment links.
    """
    shares = child_shares(links)
    # -- a root that serves another root is reached through it, not counted twice
    below: set[int] = set()
    stack = [child for root in roots for child, _ in shares.get(root, [])]
    while stack:
        node = stack.pop()
        if node not in below:
            below.add(node)
            stack.extend(child for child, _ in shares.get(node, []))
    roots = [root for root in dict.fromkeys(roots) if root not in below] or list(roots)
    # -- Kahn's algorithm over the part of the graph reachable from the roots
    reachable: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in reachable:
            continue
        reachable.add(node)
        stack.extend(child for child, _ in shares.get(node, []))
    incoming: dict[int, int] = dict.fromkeys(reachable, 0)
    for parent in reachable:
        for child, _ in shares.get(parent, []):
            incoming[child] += 1
    carried: dict[int, float] = defaultdict(float)
    for root in roots:
        carried[root] += 1.0 / len(roots)
    ready = [node for node in reachable if incoming[node] == 0]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for child, share in shares.get(node, []):
            carried[child] += carried[node] * share
            incoming[child] -= 1
            if incoming[child] == 0:
                ready.append(child)
    if done < len(reachable):
        stuck = min(node for node, count in incoming.items() if count > 0)
        raise PrioritisationError(
            f"The alignment links form a loop through element {stuck}: "
            "an element cannot serve itself. Remove one link of the loop."
        )
    return {initiative: carried.get(initiative, 0.0) for initiative in initiatives}
