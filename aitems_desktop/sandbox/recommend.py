"""Lookups (I1) computed from interaction rows: small, explainable and deterministic.

- ``pop``: items by how many interactions they have.
- ``relatedItem``: items that the same users interacted with, by cosine similarity of the
  item-user sets (co-occurrence / sqrt(pop_a * pop_b)).
- ``personalRecommend``: the sum of those similarities over the user's history, without the
  items the user already interacted with.

Ties are broken by popularity, then by item id, so the same rows always give the same answer.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final

#: Only a user's most recent items count for co-occurrence, so one heavy user cannot make the
#: model quadratic in their history.
MAX_HISTORY: Final = 50


class Model:
    """Everything a lookup needs, built once from interaction rows."""

    def __init__(self, interactions: Iterable[Mapping[str, Any]]) -> None:
        histories: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.popularity: Counter[str] = Counter()
        for row in interactions:
            user, item = row.get("USER_ID"), row.get("ITEM_ID")
            if user is None or item is None:
                continue
            user, item = str(user), str(item)
            stamp = row.get("TIMESTAMP")
            histories[user].append((stamp if isinstance(stamp, int) else 0, item))
            self.popularity[item] += 1
        self.history: dict[str, set[str]] = {}
        self.cooccurrence: dict[str, Counter[str]] = defaultdict(Counter)
        for user, events in histories.items():
            events.sort()
            recent = list(dict.fromkeys(item for _, item in reversed(events)))[:MAX_HISTORY]
            self.history[user] = {item for _, item in events}
            for a in recent:
                for b in recent:
                    if a != b:
                        self.cooccurrence[a][b] += 1

    def _rank(self, scores: Mapping[str, float], limit: int) -> list[str]:
        ordered = sorted(scores, key=lambda i: (-scores[i], -self.popularity[i], i))
        return ordered[:limit]

    def popular(self, limit: int) -> list[str]:
        return self._rank(self.popularity, limit)

    def _similar(self, item: str) -> dict[str, float]:
        base = self.popularity[item]
        return {
            other: count / math.sqrt(base * self.popularity[other])
            for other, count in self.cooccurrence.get(item, Counter()).items()
        }

    def related(self, item: str, limit: int) -> list[str]:
        return self._rank(self._similar(item), limit)

    def personal(self, user: str, limit: int) -> list[str]:
        seen = self.history.get(user)
        if not seen:
            return []
        scores: dict[str, float] = defaultdict(float)
        for item in seen:
            for other, score in self._similar(item).items():
                if other not in seen:
                    scores[other] += score
        return self._rank(scores, limit)

    def lookup(self, train_type: str, target: str, limit: int) -> list[str]:
        if train_type == "pop":
            return self.popular(limit)
        if train_type == "relatedItem":
            return self.related(target, limit)
        return self.personal(target, limit)

    def result_rows(self, train_type: str) -> int:
        """How many result rows a training of this type has (an infer's ``rowCount``)."""
        if train_type == "pop":
            return len(self.popularity)
        if train_type == "relatedItem":
            return sum(1 for related in self.cooccurrence.values() if related)
        return sum(1 for items in self.history.values() if items)
