"""contrib.learn's CategoricalProcessor: each column of rows of categories to ids."""
from __future__ import annotations

import math

import numpy as np

from .categorical_vocabulary import CategoricalVocabulary


def _rows(x):
    """A pandas DataFrame or Series as its matrix (TF's extract_pandas_matrix), else x."""
    if type(x).__module__.startswith("pandas") and type(x).__name__ in ("DataFrame", "Series"):
        return x.values
    return x


def _missing(value):
    return (isinstance(value, float) and math.isnan(value)) or value == np.nan


class CategoricalProcessor:
    """One CategoricalVocabulary per column (or one shared); NaN is the unknown id 0."""

    def __init__(self, min_frequency=0, share=False, vocabularies=None):
        self.min_frequency = min_frequency
        self.share = share
        self.vocabularies_ = vocabularies

    def freeze(self, freeze=True):
        """Freezes (or unfreezes) every column's vocabulary."""
        for vocab in self.vocabularies_:
            vocab.freeze(freeze)

    def fit(self, x, unused_y=None):
        """Counts the categories of every column, trims to min_frequency, freezes."""
        for row in _rows(x):
            if self.vocabularies_ is None:
                if self.share:
                    shared = CategoricalVocabulary()
                    self.vocabularies_ = [shared for _ in row]
                else:
                    self.vocabularies_ = [CategoricalVocabulary() for _ in row]
            for idx, value in enumerate(row):
                if not _missing(value):
                    self.vocabularies_[idx].add(value)
        if self.min_frequency > 0:
            for vocab in self.vocabularies_:
                vocab.trim(self.min_frequency)
        self.freeze()
        return self

    def fit_transform(self, x, unused_y=None):
        """fit, then transform."""
        self.fit(x)
        return self.transform(x)

    def transform(self, x):
        """Yields each row's ids (int64)."""
        self.freeze()
        for row in _rows(x):
            ids = [0 if _missing(value) else self.vocabularies_[idx].get(value)
                   for idx, value in enumerate(row)]
            yield np.array(ids, dtype=np.int64)
