"""TF 1.14 goldens for tf.contrib.text.skip_gram_sample (op SkipGramGenerateCandidates) and
skip_gram_sample_with_text_vocab: the pairs for fixed and seeded random window sizes,
start / limit, emit_self_as_target, the token dtypes TF registers, the vocabulary-frequency
filter and its float64 subsampling (a table or a CSV file), the ops and attrs the call
makes, and the errors of bad arguments. Read by tests/test_skip_gram_sample.py. No float32
arithmetic: the host does not matter."""
from __future__ import absolute_import

import importlib
import os
import shutil
import tempfile

import numpy as np

WORDS = "the quick brown fox jumps over the lazy dog and the quick cat".split()


def _text(tf):
    return importlib.import_module(tf.__name__ + ".contrib.text")


def _runs(tf, pairs, n=2, init=False):
    with tf.Session() as s:
        if init:
            s.run(tf.tables_initializer())
        return [s.run(list(pairs)) for _ in range(n)]


def fixed_window(tf):
    """min_skips == max_skips: every neighbour within 1, no randomness."""
    with tf.Graph().as_default():
        return _runs(tf, _text(tf).skip_gram_sample(tf.constant(WORDS), 1, 1))


def random_window(tf):
    """Window sizes drawn from [1, 3] by the op's Philox stream (graph seed, op seed), two
    runs of the same op (the second run draws further along the stream)."""
    with tf.Graph().as_default():
        tf.set_random_seed(1881)
        return _runs(tf, _text(tf).skip_gram_sample(tf.constant(WORDS), 1, 3, seed=1882))


def start_limit_self(tf):
    """[start, start + limit) of int64 ids with the token as its own label, window [0, 2]."""
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        return _runs(tf, _text(tf).skip_gram_sample(
            tf.constant(np.arange(11, dtype=np.int64) % 5), 0, 2, start=2, limit=6,
            emit_self_as_target=True, seed=4))


def dtypes_and_limits(tf):
    """int16 and int32 tokens, a negative limit (to the end), a limit past the end."""
    with tf.Graph().as_default():
        text = _text(tf)
        a = text.skip_gram_sample(tf.constant([1, 2, 3, 4], tf.int16), 0, 0,
                                  emit_self_as_target=True)
        b = text.skip_gram_sample(tf.constant([1, 2, 3, 4, 5]), 1, 1, start=1, limit=-1)
        c = text.skip_gram_sample(tf.constant([1, 2, 3, 4, 5, 6, 7, 8]), 0, 3, start=1,
                                  limit=50, seed=9)
        with tf.Session() as s:
            return s.run([a, b, c])


def frequency_filter(tf):
    """Tokens missing from the frequency table or under vocab_min_count dropped, then
    subsampled by word2vec's keep probability against a seeded float64 random_uniform."""
    with tf.Graph().as_default():
        tf.set_random_seed(1881)
        keys = tf.constant(["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                            "and"])
        ftab = tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(
            keys, tf.constant([3, 2, 1, 1, 1, 1, 1, 1, 1], tf.int64)), -1)
        text = _text(tf)
        a = text.skip_gram_sample(tf.constant(WORDS), 1, 1, vocab_freq_table=ftab,
                                  vocab_min_count=2)
        b = text.skip_gram_sample(tf.constant(WORDS), 2, 2, vocab_freq_table=ftab,
                                  vocab_subsampling=0.3, corpus_size=13, seed=1884)
        return _runs(tf, [a, b], n=3, init=True)


def graph_made(tf):
    """The ops a call makes (names, types, inputs) and the op's seed attrs, with and
    without a seed; the outputs' static shapes and dtypes."""
    with tf.Graph().as_default() as g:
        text = _text(tf)
        t, l = text.skip_gram_sample(tf.constant(["a", "b", "c"]), 1, 2, seed=3)
        text.skip_gram_sample(tf.constant([5, 6, 7]), 1, 1, start=tf.constant(1), limit=2)
        ops = [(op.name, op.type, [i.name for i in op.inputs]) for op in g.get_operations()]
        seeds = [(op.get_attr("seed"), op.get_attr("seed2")) for op in g.get_operations()
                 if op.type == "SkipGramGenerateCandidates"]
        return ops, seeds, [str(t.shape), t.dtype.name, str(l.shape), l.dtype.name]


def bad_arguments(tf):
    """Python-side ValueErrors, the shape function's rank error, the kernel's
    InvalidArgumentErrors (class name and first line)."""
    out = []
    with tf.Graph().as_default():
        text = _text(tf)
        toks = tf.constant(["a", "b", "c"])
        for kw in ({"vocab_min_count": 2}, {"corpus_size": 5}):
            try:
                text.skip_gram_sample(toks, 1, 1, **kw)
            except ValueError as e:
                out.append(e)
        ftab = tf.contrib.lookup.HashTable(tf.contrib.lookup.KeyValueTensorInitializer(
            ["a"], tf.constant([1], tf.int64)), -1)
        for kw in ({"vocab_subsampling": 0.1}, {"vocab_subsampling": 1.5, "corpus_size": 3}):
            try:
                text.skip_gram_sample(toks, 1, 1, vocab_freq_table=ftab, **kw)
            except ValueError as e:
                out.append(e)
        try:
            text.skip_gram_sample(tf.constant([[1, 2], [3, 4]]), 1, 1)
        except ValueError as e:
            out.append(e)
        with tf.Session() as s:
            for lo, hi in ((2, 1), (-1, 1)):
                try:
                    s.run(text.skip_gram_sample(toks, lo, hi))
                except tf.errors.InvalidArgumentError as e:
                    out.append((type(e).__name__, e.message.split("\n")[0]))
    return out


def unsupported_types(tf):
    """float tokens make the op (its OpDef allows any T) but no kernel: every run of the
    graph fails, even one not fetching it (the node and the registered kernels; not where
    it was defined, a path, nor the attrs, in a hash map's order in TF); a float min_skips
    is refused when the op is made."""
    out = []
    with tf.Graph().as_default():
        text = _text(tf)
        c = tf.constant(1.0)
        x = text.skip_gram_sample(tf.constant([1.0, 2.0]), 1, 1, seed=2)
        out.append([str(x[0].dtype), str(x[1].shape)])
        with tf.Session() as s:
            try:
                s.run(c)
            except tf.errors.InvalidArgumentError as e:
                lines = e.message.split("\n")
                out.append([type(e).__name__, lines[0].split(" (defined at")[0]] +
                           lines[3:7])
        try:
            text.skip_gram_sample(tf.constant([1, 2]), 1.5, 1)
        except TypeError as e:
            out.append(e)
    return out


def text_vocab_file(tf):
    """skip_gram_sample_with_text_vocab: a CSV vocabulary of counts (float64 by default)
    with vocab_min_count, subsampling against the file's corpus size and a given one, an
    int64 vocabulary in other columns with another delimiter; the op count and the
    Python-side errors (the file's folder written D)."""
    d = tempfile.mkdtemp()
    try:
        vf = os.path.join(d, "v.csv")
        with open(vf, "w") as f:
            f.write("the,30\nquick,12\nbrown,4\nfox,2\nlazy,1\ndog,6\n")
        vf2 = os.path.join(d, "v.txt")
        with open(vf2, "w") as f:
            f.write("7|1|x\n8|5|y\n9|2|z\n")
        out = []
        with tf.Graph().as_default() as g:
            tf.set_random_seed(21)
            text = _text(tf)
            toks = tf.constant("the quick brown fox jumps over the lazy dog the end".split())
            fn = text.skip_gram_sample_with_text_vocab
            pairs = [fn(toks, vf, vocab_min_count=3, min_skips=1, max_skips=2, seed=3),
                     fn(toks, vf, vocab_subsampling=0.05, min_skips=1, max_skips=1, seed=4),
                     fn(toks, vf, vocab_subsampling=0.05, corpus_size=100, seed=5),
                     fn(tf.constant([7, 8, 9, 8, 6], tf.int64), vf2, vocab_token_index=0,
                        vocab_token_dtype=tf.int64, vocab_freq_index=1,
                        vocab_freq_dtype=tf.int64, vocab_delimiter="|", vocab_min_count=2,
                        min_skips=1, max_skips=1)]
            out.append(len(g.get_operations()))
            for kw in ({"vocab_token_index": -1}, {"vocab_freq_index": 0},
                       {"vocab_freq_index": 2}, {"corpus_size": 10}):
                try:
                    fn(toks, vf, **kw)
                except ValueError as e:
                    out.append(str(e).replace(d, "D"))
            out.append(_runs(tf, pairs, n=2, init=True))
        return out
    finally:
        shutil.rmtree(d)


CASES = {f.__name__: f for f in (fixed_window, random_window, start_limit_self,
                                 dtypes_and_limits, frequency_filter, graph_made,
                                 bad_arguments, unsupported_types, text_vocab_file)}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
