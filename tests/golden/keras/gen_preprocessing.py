"""TF 1.14's tf.keras.preprocessing (keras-preprocessing 1.1.2 with TF's backend and
utils): sequence (pad_sequences, make_sampling_table, skipgrams with a seed,
TimeseriesGenerator), text (Tokenizer and its modes, hashing_trick with md5,
text_to_word_sequence, one_hot's shape) and image (ImageDataGenerator.flow with seeded
shuffling, random-transform parameters, channel shifts, feature-wise and sample-wise
normalization, validation_split; the iterators' classes and dtypes; errors). The oracle
has neither Pillow nor SciPy, and keras-preprocessing's batches always pass through
apply_affine_transform (SciPy), so batches, ZCA and the file-based paths are tested in
flowgrad alone.

    python tools/goldens.py regen keras/preprocessing
"""
import random

import numpy as np


def _err(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e)]
    return None


SEQS = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10], [], [11]]


def sequence(tf):
    S = tf.keras.preprocessing.sequence
    out = {
        "pad": S.pad_sequences(SEQS),
        "pad_post": S.pad_sequences(SEQS, maxlen=4, padding="post", truncating="post"),
        "pad_pre_trunc": S.pad_sequences(SEQS, maxlen=2, value=-1.0),
        "pad_float": S.pad_sequences([[0.5, 1.5], [2.5]], dtype="float32", maxlen=3),
        "pad_str": S.pad_sequences([["a", "b"], ["c"]], dtype=object, value="_").tolist(),
        "pad_str_err": _err(lambda: S.pad_sequences([["a"]], dtype="object", value="_")),
        "pad_unicode": S.pad_sequences([["ab", "c"], ["d"]], dtype="<U2", value="_").tolist(),
        "pad_nd": S.pad_sequences([np.ones((2, 3)), np.ones((1, 3))], maxlen=3),
        "pad_bad_trunc": _err(lambda: S.pad_sequences(SEQS, maxlen=2, truncating="mid")),
        "pad_bad_pad": _err(lambda: S.pad_sequences(SEQS, padding="mid")),
        "pad_bad_input": _err(lambda: S.pad_sequences(3)),
        "sampling_table": S.make_sampling_table(20),
        "sampling_table_f": S.make_sampling_table(10, sampling_factor=1e-3),
    }
    # the negative samples come from Python's global generator (only the shuffles are seeded)
    random.seed(0)
    couples, labels = S.skipgrams([1, 2, 3, 4, 5, 6], vocabulary_size=10, window_size=2,
                                  seed=3)
    out["skipgrams"] = [couples, labels]
    random.seed(1)
    couples, labels = S.skipgrams([1, 2, 0, 4, 5], vocabulary_size=8, window_size=1,
                                  negative_samples=0.5, categorical=True, seed=1)
    out["skipgrams_cat"] = [couples, labels]
    random.seed(2)
    couples, labels = S.skipgrams([1, 2, 3, 4, 5, 6, 7], vocabulary_size=8, window_size=3,
                                  shuffle=False, negative_samples=0.0,
                                  sampling_table=S.make_sampling_table(8, 0.5), seed=5)
    out["skipgrams_table"] = [couples, labels]
    data = np.arange(50, dtype="float32").reshape(25, 2)
    targets = np.arange(25)
    g = S.TimeseriesGenerator(data, targets, length=5, sampling_rate=2, stride=3,
                              batch_size=4)
    out["ts_len"] = len(g)
    out["ts_batches"] = [list(g[i]) for i in range(len(g))]
    g2 = S.TimeseriesGenerator(data, targets, length=4, start_index=2, end_index=20,
                               reverse=True, batch_size=3)
    out["ts_reverse"] = [list(g2[0]), list(g2[len(g2) - 1])]
    out["ts_is_sequence"] = isinstance(g, tf.keras.utils.Sequence)
    out["ts_config_err"] = _err(lambda: S.TimeseriesGenerator(data, targets[:3], length=5))
    out["ts_too_short"] = _err(lambda: S.TimeseriesGenerator(data, targets, length=30))
    return out


TEXTS = ["The cat sat on the mat.", "The dog ate my homework!", "cat, dog; and THE mat?",
         "One more line\twith a tab", ""]


def text(tf):
    T = tf.keras.preprocessing.text
    out = {"words": [T.text_to_word_sequence(t) for t in TEXTS],
           "words_opts": T.text_to_word_sequence("A-b c_d E", filters="-", lower=False,
                                                 split=" "),
           "hashing_md5": [T.hashing_trick(t, 20, hash_function="md5") for t in TEXTS],
           "one_hot_len": [len(T.one_hot(t, 10)) for t in TEXTS],
           "one_hot_range": all(0 < v < 10 for t in TEXTS for v in T.one_hot(t, 10))}
    tok = T.Tokenizer(num_words=8, oov_token="<unk>")
    tok.fit_on_texts(TEXTS)
    out["word_index"] = sorted(tok.word_index.items())
    out["word_counts"] = sorted(tok.word_counts.items())
    out["word_docs"] = sorted(tok.word_docs.items())
    out["document_count"] = tok.document_count
    out["seqs"] = tok.texts_to_sequences(TEXTS + ["unseen words cat"])
    out["back"] = tok.sequences_to_texts(out["seqs"])
    for mode in ["binary", "count", "tfidf", "freq"]:
        out["matrix_" + mode] = tok.texts_to_matrix(TEXTS, mode=mode)
    tok2 = T.Tokenizer(char_level=True, lower=False)
    tok2.fit_on_texts(["abca", "bcd"])
    out["char_index"] = sorted(tok2.word_index.items())
    tok3 = T.Tokenizer(num_words=5)
    tok3.fit_on_sequences([[1, 2, 3], [2, 3]])
    out["seq_matrix"] = tok3.sequences_to_matrix([[1, 2], [3, 3]], mode="count")
    out["matrix_err"] = _err(lambda: T.Tokenizer().texts_to_matrix(TEXTS, mode="binary"))
    out["mode_err"] = _err(lambda: tok.texts_to_matrix(TEXTS, mode="nope"))
    return out


def _images():
    return np.random.RandomState(5).uniform(0, 255, (7, 6, 5, 3)).astype("float32")


def image(tf):
    I = tf.keras.preprocessing.image
    x = _images()
    y = np.arange(7)
    out = {}
    gen = I.ImageDataGenerator(horizontal_flip=True, vertical_flip=True,
                               channel_shift_range=20.0, rescale=1.0 / 255)
    it = gen.flow(x, y, batch_size=3, shuffle=True, seed=11)
    out["flow_len"] = len(it)
    out["flow_class"] = [type(it).__name__, isinstance(it, tf.keras.utils.Sequence),
                         isinstance(it, I.Iterator), it.dtype, it.data_format]
    # flow's batches go through apply_affine_transform, which needs SciPy (absent in the
    # oracle): the index order of the seeded shuffle is what is compared here
    np.random.seed(it.seed)
    it._set_index_array()
    out["flow_index"] = it.index_array
    g2 = I.ImageDataGenerator(featurewise_center=True, featurewise_std_normalization=True,
                              samplewise_center=True, samplewise_std_normalization=True)
    g2.fit(x)
    out["feature_stats"] = [g2.mean, g2.std]
    out["standardize"] = g2.standardize(x[:2].copy())
    g4 = I.ImageDataGenerator(validation_split=0.3)
    y2 = np.array([0, 1, 0, 1, 0, 1, 1])
    out["subsets"] = [list(g4.flow(x, y2, batch_size=10, subset=s, shuffle=False).y)
                      for s in ("training", "validation")]
    out["subset_classes_err"] = _err(lambda: g4.flow(x, y, subset="training"))
    out["dtype_default"] = [I.ImageDataGenerator().dtype,
                            I.ImageDataGenerator().data_format,
                            I.ImageDataGenerator(data_format="channels_first").channel_axis,
                            I.ImageDataGenerator(dtype="float64").dtype]
    out["random_transform"] = gen.get_random_transform((6, 5, 3), seed=4)
    out["apply_channel_shift"] = I.apply_channel_shift(x[0].copy(), 10.0, 2)
    np.random.seed(9)
    out["random_channel_shift"] = I.random_channel_shift(x[0].copy(), 30.0, 2)
    out["errors"] = {
        "bad_format": _err(lambda: I.ImageDataGenerator(data_format="nchw")),
        "bad_split": _err(lambda: I.ImageDataGenerator(validation_split=2)),
        "bad_zoom": _err(lambda: I.ImageDataGenerator(zoom_range="x")),
        "flow_rank": _err(lambda: gen.flow(np.zeros((2, 3, 3)), np.zeros(2))),
        "flow_len": _err(lambda: gen.flow(x, np.zeros(3))),
        "bad_subset": _err(lambda: gen.flow(x, y, subset="test")),
        "bad_brightness": _err(lambda: I.ImageDataGenerator(brightness_range=3)),
    }
    return out


def cases(tf):
    return {"sequence": sequence(tf), "text": text(tf), "image": image(tf)}
