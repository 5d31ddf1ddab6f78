"""contrib.learn's text preprocessors: documents to fixed-length rows of word or byte ids."""
from __future__ import annotations

import pickle
import re

import numpy as np

from flowgrad import gfile

from .categorical_vocabulary import CategoricalVocabulary

TOKENIZER_RE = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z][a-z]+(?=[A-Z])|[\'\w\-]+", re.UNICODE)


def tokenizer(iterator):
    """Yields each string's tokens (TOKENIZER_RE's matches)."""
    for value in iterator:
        yield TOKENIZER_RE.findall(value)


class ByteProcessor:
    """Documents to their utf-8 bytes, cut or zero-padded to max_document_length."""

    def __init__(self, max_document_length):
        self.max_document_length = max_document_length

    def fit(self, x):
        """Nothing to learn."""

    def fit_transform(self, x):
        """transform."""
        return self.transform(x)

    def reverse(self, x):
        """Yields each row's text: trailing zeros dropped, '' when not utf-8."""
        for data in x:
            raw = np.trim_zeros(data.astype(np.int8), trim="b").tobytes()
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield ""

    def transform(self, x):
        """Yields each document's bytes as uint8, padded with zeros."""
        n = self.max_document_length
        for document in x:
            if isinstance(document, str):
                document = document.encode("utf-8")
            head = np.frombuffer(memoryview(document)[:n], dtype=np.uint8)
            yield np.pad(head, (0, n - len(head)), "constant")


class VocabularyProcessor:
    """Documents to rows of word ids (int64, max_document_length long, 0 = unknown/padding)."""

    def __init__(self, max_document_length, min_frequency=0, vocabulary=None,
                 tokenizer_fn=None):
        self.max_document_length = max_document_length
        self.min_frequency = min_frequency
        self.vocabulary_ = vocabulary if vocabulary else CategoricalVocabulary()
        self._tokenizer = tokenizer_fn if tokenizer_fn else tokenizer

    def fit(self, raw_documents, unused_y=None):
        """Adds every token to the vocabulary, trims it to min_frequency, freezes it."""
        for tokens in self._tokenizer(raw_documents):
            for token in tokens:
                self.vocabulary_.add(token)
        if self.min_frequency > 0:
            self.vocabulary_.trim(self.min_frequency)
        self.vocabulary_.freeze()
        return self

    def fit_transform(self, raw_documents, unused_y=None):
        """fit, then transform (the documents are read twice)."""
        self.fit(raw_documents)
        return self.transform(raw_documents)

    def transform(self, raw_documents):
        """Yields each document's word ids, cut or zero-padded to max_document_length."""
        n = self.max_document_length
        for tokens in self._tokenizer(raw_documents):
            word_ids = np.zeros(n, np.int64)
            for idx, token in enumerate(tokens):
                if idx >= n:
                    break
                word_ids[idx] = self.vocabulary_.get(token)
            yield word_ids

    def reverse(self, documents):
        """Yields each row of ids as its words joined by spaces."""
        for item in documents:
            yield " ".join(self.vocabulary_.reverse(class_id) for class_id in item)

    def save(self, filename):
        """Pickles the processor to `filename`."""
        with gfile.Open(filename, "wb") as f:
            f.write(pickle.dumps(self))

    @classmethod
    def restore(cls, filename):
        """The processor pickled in `filename`."""
        with gfile.Open(filename, "rb") as f:
            return pickle.loads(f.read())
