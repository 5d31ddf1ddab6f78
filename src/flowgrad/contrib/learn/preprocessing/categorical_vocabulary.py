"""contrib.learn's CategoricalVocabulary: categories (words) to ids, id 0 the unknown token."""
from __future__ import annotations

import collections


class CategoricalVocabulary:
    """Maps categories to ids in order of first sight; `trim` renumbers by frequency."""

    def __init__(self, unknown_token="<UNK>", support_reverse=True):
        self._unknown_token = unknown_token
        self._mapping = {unknown_token: 0}
        self._support_reverse = support_reverse
        if support_reverse:
            self._reverse_mapping = [unknown_token]
        self._freq = collections.defaultdict(int)
        self._freeze = False

    def __len__(self):
        """The number of ids, the unknown token's included."""
        return len(self._mapping)

    def freeze(self, freeze=True):
        """A frozen vocabulary maps new categories to 0 instead of adding them."""
        self._freeze = freeze

    def get(self, category):
        """The category's id; an unseen one gets the next id unless frozen (then 0)."""
        ids = self._mapping
        if category not in ids:
            if self._freeze:
                return 0
            ids[category] = len(ids)
            if self._support_reverse:
                self._reverse_mapping.append(category)
        return ids[category]

    def add(self, category, count=1):
        """Counts `count` more sightings of the category (the unknown token is not counted)."""
        if self.get(category) > 0:
            self._freq[category] += count

    def trim(self, min_frequency, max_frequency=-1):
        """Keeps the categories seen more than min_frequency times (and, with
        max_frequency > 0, fewer than max_frequency), renumbered 1..n by falling
        frequency, ties by (is a str, category)."""
        by_name = sorted(self._freq.items(), key=lambda kv: (isinstance(kv[0], str), kv[0]))
        ranked = sorted(by_name, key=lambda kv: kv[1], reverse=True)
        self._mapping = {self._unknown_token: 0}
        if self._support_reverse:
            self._reverse_mapping = [self._unknown_token]
        kept = 0
        for category, count in ranked:
            if max_frequency > 0 and count >= max_frequency:
                continue
            if count <= min_frequency:
                break
            kept += 1
            self._mapping[category] = kept
            if self._support_reverse:
                self._reverse_mapping.append(category)
        # as TF: the first `kept` entries of the ranking, skipped ones included
        self._freq = dict(ranked[:kept])

    def reverse(self, class_id):
        """The category of an id."""
        if not self._support_reverse:
            raise ValueError("This vocabulary wasn't initialized with "
                             "support_reverse to support reverse() function.")
        return self._reverse_mapping[class_id]
