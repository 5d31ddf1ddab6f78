"""TF 1.14 goldens for tf.contrib.learn.preprocessing (VocabularyProcessor, ByteProcessor,
tokenizer, CategoricalVocabulary, CategoricalProcessor): the id matrices, vocabularies,
frequency trimming, reverse mappings, a save/restore round trip and the errors.
Output: learn_preprocessing.json, read by tests/test_contrib_learn_preprocessing.py."""
import os
import tempfile

import numpy as np

DOCS = ["the cat sat on the mat", "The DOG ate my HTMLParser homework!",
        "it's a well-known fact, isn't it?", "cat cat cat", "", "mat on the cat"]


def _vocab(tf, docs=DOCS, **kw):
    P = tf.contrib.learn.preprocessing
    vp = P.VocabularyProcessor(5, **kw)
    ids = np.array(list(vp.fit_transform(docs)))
    v = vp.vocabulary_
    words = [v.reverse(i) for i in range(len(v))]
    return [ids, len(v), words, list(vp.reverse(ids[:3])),
            np.array(list(vp.transform(["unseen cat mat", "the the"])))]


def _roundtrip(tf):
    P = tf.contrib.learn.preprocessing
    vp = P.VocabularyProcessor(4).fit(DOCS)
    path = os.path.join(tempfile.mkdtemp(), "vocab")
    vp.save(path)
    back = P.VocabularyProcessor.restore(path)
    return [type(back).__name__, back.max_document_length,
            np.array(list(back.transform(DOCS[:2]))), len(back.vocabulary_)]


def _categorical(tf, **kw):
    P = tf.contrib.learn.preprocessing
    rows = [["a", 1], ["b", 2], ["a", float("nan")], ["c", 1], ["a", 3]]
    cp = P.CategoricalProcessor(**kw)
    ids = np.array(list(cp.fit_transform(rows)))
    return [ids, [len(v) for v in cp.vocabularies_],
            np.array(list(cp.transform([["b", 3], ["z", 9]])))]


def _bytes(tf):
    bp = tf.contrib.learn.preprocessing.ByteProcessor(6)
    ids = np.array(list(bp.fit_transform(["h\u00e9llo", b"ab", "toolong"])))
    return [ids, list(bp.reverse(np.array(list(bp.transform(["h\u00e9llo", "x"])))))]


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


def _trim(tf):
    V = tf.contrib.learn.preprocessing.CategoricalVocabulary()
    for w in "b a c a b d a e e e e".split():
        V.add(w)
    V.add("z", 7)
    V.trim(1, max_frequency=7)
    return [len(V), [V.reverse(i) for i in range(len(V))], V.get("a"), V.get("new"),
            V.get("d")]


CASES = {
    "vocab/basic": _vocab,
    "vocab/min_frequency": lambda tf: _vocab(tf, min_frequency=1),
    "vocab/tokenizer_fn": lambda tf: _vocab(tf, tokenizer_fn=lambda it: (s.split() for s in it)),
    "vocab/given_vocabulary": lambda tf: _vocab(
        tf, vocabulary=tf.contrib.learn.preprocessing.CategoricalVocabulary("<PAD>")),
    "vocab/roundtrip": _roundtrip,
    "tokenizer": lambda tf: list(tf.contrib.learn.preprocessing.tokenizer(DOCS)),
    "bytes": lambda tf: _bytes(tf),
    "categorical/per_column": _categorical,
    "categorical/shared": lambda tf: _categorical(tf, share=True),
    "categorical/min_frequency": lambda tf: _categorical(tf, min_frequency=1),
    "vocabulary/trim": _trim,
    "error/no_reverse": _error(lambda tf: tf.contrib.learn.preprocessing.CategoricalVocabulary(
        support_reverse=False).reverse(0)),
}


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
