"""TF 1.14's tf.data.experimental sources and samplers: sample_from_datasets (seeded),
RandomDataset, choose_from_datasets, CsvDataset, make_csv_dataset, list_files with
graph/op seeds. Each program builds a pipeline with `tf` (TF 1.14 or flowgrad) in a
fresh graph and returns what it fetched; tests/test_data_experimental.py runs the same
programs in flowgrad."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np


def drain(tf, nxt, sess, limit=300):
    out = []
    for _ in range(limit):
        try:
            out.append(_plain(sess.run(nxt)))
        except tf.errors.OutOfRangeError as e:
            out.append("END: " + e.message.split("\n")[0])
            break
        except tf.errors.OpError as e:
            out.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
            break
    return out


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, np.ndarray) and v.dtype == object:
        return [_plain(x) for x in v.tolist()]
    return v


def one_shot(tf, ds, limit=300):
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        return drain(tf, nxt, sess, limit)


def initializable(tf, ds, n=2, limit=300):
    it = ds.make_initializable_iterator()
    nxt = it.get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(n):
            try:
                sess.run(it.initializer)
            except tf.errors.OpError as e:
                out.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
                continue
            out.append(drain(tf, nxt, sess, limit))
    return out


def _graph(fn, graph_seed=None):
    def prog(tf):
        g = tf.Graph()
        with g.as_default():
            if graph_seed is not None:
                tf.set_random_seed(graph_seed)
            return fn(tf)
    return prog


def R(tf, a, b=None):
    return tf.data.Dataset.range(a) if b is None else tf.data.Dataset.range(a, b)


def _build_error(fn):
    def prog(tf):
        with tf.Graph().as_default():
            try:
                fn(tf)
            except (TypeError, ValueError) as e:
                return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
            return "no error"
    return prog


PROGRAMS = {}

# -- sample_from_datasets / RandomDataset / choose_from_datasets ---------------------------
for _gs in (None, 4):
    for _seed in (None, 1, 77):
        if _gs is None and _seed is None:
            continue
        _k = "gs%s/s%s" % (_gs, _seed)
        PROGRAMS["sample_uniform/" + _k] = _graph(
            lambda tf, s=_seed: initializable(tf, tf.data.experimental.sample_from_datasets(
                [R(tf, 6), R(tf, 100, 106), R(tf, 200, 206)], seed=s)), _gs)
        PROGRAMS["sample_weights/" + _k] = _graph(
            lambda tf, s=_seed: one_shot(tf, tf.data.experimental.sample_from_datasets(
                [R(tf, 10), R(tf, 100, 110)], weights=[0.2, 0.8], seed=s)), _gs)
        PROGRAMS["random_dataset/" + _k] = _graph(
            lambda tf, s=_seed: initializable(
                tf, tf.data.experimental.RandomDataset(seed=s).take(5)), _gs)
        PROGRAMS["list_files_shuffled/" + _k] = _graph(
            lambda tf, s=_seed: _list_files(tf, None, s), _gs)
        PROGRAMS["list_files_reinit/" + _k] = _graph(
            lambda tf, s=_seed: _list_files(tf, True, s, reinit=True), _gs)

PROGRAMS.update({
    "sample_weights_f64_repeat": _graph(lambda tf: one_shot(
        tf, tf.data.experimental.sample_from_datasets(
            [R(tf, 3).repeat(), R(tf, 10, 13).repeat()],
            weights=np.array([0.5, 0.5], np.float64), seed=5).take(20))),
    "sample_weights_dataset": _graph(lambda tf: one_shot(
        tf, tf.data.experimental.sample_from_datasets(
            [R(tf, 8), R(tf, 100, 108)],
            weights=tf.data.Dataset.from_tensor_slices(
                np.array([[0.9, 0.1], [0.1, 0.9]] * 4, np.float32)), seed=12))),
    "sample_single": _graph(lambda tf: one_shot(
        tf, tf.data.experimental.sample_from_datasets([R(tf, 3)], seed=1))),
    "sample_tuple_elements": _graph(lambda tf: one_shot(
        tf, tf.data.experimental.sample_from_datasets(
            [tf.data.Dataset.zip((R(tf, 4), R(tf, 10, 14))),
             tf.data.Dataset.zip((R(tf, 50, 54), R(tf, 60, 64)))], seed=3))),
    "sample_then_batch": _graph(lambda tf: one_shot(
        tf, tf.data.experimental.sample_from_datasets(
            [R(tf, 12), R(tf, 100, 112)], [0.7, 0.3], seed=8).batch(5)), 2),
    "sample_bad_weights_dtype": _build_error(lambda tf: tf.data.experimental.sample_from_datasets(
        [R(tf, 3), R(tf, 3)], weights=[1, 2])),
    "sample_bad_weights_len": _build_error(lambda tf: tf.data.experimental.sample_from_datasets(
        [R(tf, 3), R(tf, 3)], weights=[0.1, 0.2, 0.7])),
    "choose_bad_selector": _build_error(lambda tf: tf.data.experimental.choose_from_datasets(
        [R(tf, 3), R(tf, 3)], tf.data.Dataset.range(2).map(lambda x: tf.cast(x, tf.int32)))),
})


def _single(tf, ds):
    t = tf.data.experimental.get_single_element(ds)
    with tf.Session() as sess:
        try:
            return _plain(sess.run(t))
        except tf.errors.OpError as e:
            return "%s: %s" % (type(e).__name__, e.message.split("\n")[0])


PROGRAMS.update({
    "single_element": _graph(lambda tf: _single(tf, tf.data.Dataset.from_tensors(
        ({"a": [1.5, 2.5]}, "s")))),
    "single_element_empty": _graph(lambda tf: _single(tf, R(tf, 0))),
    "single_element_many": _graph(lambda tf: _single(tf, R(tf, 2))),
    "single_element_reduce": _graph(lambda tf: _single(tf, R(tf, 10).batch(10).map(
        lambda x: tf.reduce_sum(x)))),
    "single_element_not_dataset": _build_error(
        lambda tf: tf.data.experimental.get_single_element([1, 2])),
    "enumerate_dataset": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_tensor_slices(
        ["x", "y", "z"]).apply(tf.data.experimental.enumerate_dataset(start=5)))),
})


def _list_files(tf, shuffle, seed, reinit=False):
    d = tempfile.mkdtemp()
    try:
        for name in ("b.txt", "a.txt", "d.txt", "c.txt", "e.csv", "f.txt", "g.txt", "h.txt",
                     "i.txt", "j.txt"):
            open(os.path.join(d, name), "w").close()
        ds = tf.data.Dataset.list_files(os.path.join(d, "*.txt"), shuffle=shuffle, seed=seed)
        if reinit:
            out = initializable(tf, ds.repeat(2), n=2)
            return [[os.path.basename(f) for f in run[:-1]] for run in out]
        return [os.path.basename(f) for f in one_shot(tf, ds)[:-1]]
    finally:
        shutil.rmtree(d)


def _list_files_empty(tf):
    d = tempfile.mkdtemp()
    try:
        ds = tf.data.Dataset.list_files(os.path.join(d, "*.none"))
        return [x.replace(d, "DIR") for x in initializable(tf, ds, n=1)]
    finally:
        shutil.rmtree(d)


PROGRAMS["list_files_empty_initializable"] = _graph(_list_files_empty)


# -- CsvDataset ------------------------------------------------------------------------------
CSV_FILES = {
    "basic.csv": "a,b,c\n1,2.5,x\n3,,y\n,4.25,\"q,uoted\"\n",
    "crlf.csv": "1,2\r\n3,4\r\n\r\n5,6\r\n",
    "quoted_newline.csv": "1,\"line\nbreak\"\n2,\"say \"\"hi\"\"\"\n",
    "spaces.csv": " 7 , 1.5 \n8,2e3\n",
    "na.csv": "1,NA\nNA,2\n",
    "short.csv": "1,2\n3\n",
    "badnum.csv": "1,2\nx,3\n",
    "badquote.csv": "1,\"ab\"c\n",
    "unquoted_quote.csv": "1,a\"b\n",
    "noeol.csv": "1,2\n3,4",
    "semicolon.csv": "1;a\n2;b\n",
    "empty.csv": "",
    "header_only.csv": "h1,h2\n",
    "wide.csv": "1,2,3,4,5\n6,7,8,9,10\n",
    "int_overflow.csv": "99999999999\n",
    "trailing_delim.csv": "1,\n2,\n",
}


def _csv_dir():
    d = tempfile.mkdtemp()
    for name, text in CSV_FILES.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(text.encode())
    return d


def _csv(fn):
    def prog(tf):
        d = _csv_dir()
        try:
            with tf.Graph().as_default():
                try:
                    out = fn(tf, lambda n: os.path.join(d, n))
                except (TypeError, ValueError) as e:
                    return _strip("%s: %s" % (type(e).__name__, str(e).split("\n")[0]), d)
            return _strip(out, d)
        finally:
            shutil.rmtree(d)
    return prog


def _strip(x, d):
    if isinstance(x, str):
        return x.replace(d, "DIR")
    if isinstance(x, list):
        return [_strip(v, d) for v in x]
    if isinstance(x, dict):
        return {k: _strip(v, d) for k, v in x.items()}
    return x


def _c(tf, p, name, defaults, **kw):
    return one_shot(tf, tf.data.experimental.CsvDataset(p(name), defaults, **kw))


def _ci(tf, p, name, defaults, **kw):
    return initializable(tf, tf.data.experimental.CsvDataset(p(name), defaults, **kw), n=1)


PROGRAMS.update({
    "csv_basic_header": _csv(lambda tf, p: _c(tf, p, "basic.csv", [
        tf.constant([0], tf.int32), tf.constant([-1.0], tf.float32),
        tf.constant(["?"], tf.string)], header=True)),
    "csv_types": _csv(lambda tf, p: _c(tf, p, "crlf.csv", [tf.int64, tf.float64])),
    "csv_dtype_defaults_missing": _csv(lambda tf, p: _c(tf, p, "basic.csv", [
        tf.int32, tf.float32, tf.string], header=True)),
    "csv_quoted_newline": _csv(lambda tf, p: _c(tf, p, "quoted_newline.csv", [
        tf.int32, tf.string])),
    "csv_no_quote_delim": _csv(lambda tf, p: _c(tf, p, "basic.csv", [
        tf.string, tf.string, tf.string], use_quote_delim=False)),
    "csv_spaces": _csv(lambda tf, p: _c(tf, p, "spaces.csv", [tf.int32, tf.float32])),
    "csv_na_value": _csv(lambda tf, p: _c(tf, p, "na.csv", [
        tf.constant([-5], tf.int32), tf.constant([-6], tf.int32)], na_value="NA")),
    "csv_short_record": _csv(lambda tf, p: _c(tf, p, "short.csv", [tf.int32, tf.int32])),
    "csv_bad_number": _csv(lambda tf, p: _c(tf, p, "badnum.csv", [tf.int32, tf.int32])),
    "csv_bad_float": _csv(lambda tf, p: _c(tf, p, "badnum.csv", [tf.float32, tf.int32])),
    "csv_bad_quote": _csv(lambda tf, p: _c(tf, p, "badquote.csv", [tf.int32, tf.string])),
    "csv_unquoted_quote": _csv(lambda tf, p: _c(tf, p, "unquoted_quote.csv", [
        tf.int32, tf.string])),
    "csv_no_final_newline": _csv(lambda tf, p: _c(tf, p, "noeol.csv", [tf.int32, tf.int32])),
    "csv_delim": _csv(lambda tf, p: _c(tf, p, "semicolon.csv", [tf.int32, tf.string],
                                       field_delim=";")),
    "csv_empty_file": _csv(lambda tf, p: _c(tf, p, "empty.csv", [tf.int32])),
    "csv_header_only": _csv(lambda tf, p: _c(tf, p, "header_only.csv", [tf.string, tf.string],
                                             header=True)),
    "csv_select_cols": _csv(lambda tf, p: _c(tf, p, "wide.csv", [tf.int32, tf.int64],
                                             select_cols=[1, 4])),
    "csv_select_cols_out_of_range": _csv(lambda tf, p: _c(tf, p, "wide.csv", [
        tf.int32, tf.int32], select_cols=[1, 7])),
    "csv_select_cols_unsorted": _csv(lambda tf, p: _ci(tf, p, "wide.csv", [
        tf.int32, tf.int32], select_cols=[3, 1])),
    "csv_select_cols_len": _csv(lambda tf, p: _ci(tf, p, "wide.csv", [tf.int32],
                                                 select_cols=[1, 2])),
    "csv_int_overflow": _csv(lambda tf, p: _c(tf, p, "int_overflow.csv", [tf.int32])),
    "csv_int64_big": _csv(lambda tf, p: _c(tf, p, "int_overflow.csv", [tf.int64])),
    "csv_trailing_delim": _csv(lambda tf, p: _c(tf, p, "trailing_delim.csv", [
        tf.int32, tf.constant([9], tf.int32)])),
    "csv_two_files": _csv(lambda tf, p: one_shot(tf, tf.data.experimental.CsvDataset(
        [p("crlf.csv"), p("noeol.csv")], [tf.int32, tf.int32]))),
    "csv_bad_default_type": _csv(lambda tf, p: _c(tf, p, "crlf.csv", [tf.bool, tf.int32])),
    "csv_default_not_vector": _csv(lambda tf, p: _c(tf, p, "crlf.csv", [
        tf.constant([[1]], tf.int32), tf.int32])),
    "csv_structure": _csv(lambda tf, p: [_described(tf.data.experimental.CsvDataset(
        p("crlf.csv"), [tf.int32, tf.constant([1.0], tf.float64)]).output_types),
        _described(tf.data.experimental.CsvDataset(p("crlf.csv"), [tf.int32]).output_shapes)]),
})


def _ops(tf, build):
    g = tf.get_default_graph()
    n = len(g.get_operations())
    build()
    return [[op.name, op.type] for op in g.get_operations()[n:]]


PROGRAMS["csv_ops"] = _csv(lambda tf, p: _ops(tf, lambda: tf.data.experimental.CsvDataset(
    p("crlf.csv"), [tf.int32, tf.constant([1.0], tf.float64)])))

# -- make_csv_dataset ------------------------------------------------------------------------
MCSV_FILES = {
    "t1.csv": "id,score,name,label\n1,0.5,ann,0\n2,1.5,bob,1\n3,,cy,0\n4,2.25,\"d,e\",1\n",
    "t2.csv": "id,score,name,label\n5,3.5,eve,1\n6,4,fay,0\n7,5.5,gil,1\n",
    "other.csv": "x,y\n1,2\n",
    "noheader.csv": "1,2.5\n3,4.5\n",
}


def _mcsv(fn):
    def prog(tf):
        d = tempfile.mkdtemp()
        try:
            for name, text in MCSV_FILES.items():
                with open(os.path.join(d, name), "w") as f:
                    f.write(text)
            with tf.Graph().as_default():
                try:
                    out = fn(tf, lambda n: os.path.join(d, n))
                except (TypeError, ValueError) as e:
                    return _strip("%s: %s" % (type(e).__name__, str(e).split("\n")[0]), d)
            return _strip(out, d)
        finally:
            shutil.rmtree(d)
    return prog


def _described(x):
    """Types and shapes as plain values: dicts as their (key, value) pairs in order."""
    if isinstance(x, dict):
        return [[k, _described(v)] for k, v in x.items()]
    if isinstance(x, tuple):
        return [_described(v) for v in x]
    if hasattr(x, "as_list"):
        return x.as_list() if x.ndims is not None else None
    return x.name


def _m(tf, p, pattern="t*.csv", limit=40, **kw):
    ds = tf.data.experimental.make_csv_dataset(p(pattern), **kw)
    return [_described(ds.output_types), _described(ds.output_shapes), one_shot(tf, ds, limit)]


PROGRAMS.update({
    "mcsv_no_shuffle": _mcsv(lambda tf, p: _m(tf, p, batch_size=3, shuffle=False,
                                              num_epochs=1)),
    "mcsv_label": _mcsv(lambda tf, p: _m(tf, p, batch_size=2, label_name="label",
                                         shuffle=False, num_epochs=2)),
    "mcsv_seeded_shuffle": _mcsv(lambda tf, p: _m(tf, p, batch_size=3, label_name="label",
                                                  shuffle_seed=21, num_epochs=2)),
    "mcsv_seeded_shuffle_one_epoch": _mcsv(lambda tf, p: _m(
        tf, p, batch_size=4, shuffle_seed=5, num_epochs=1, shuffle_buffer_size=3)),
    "mcsv_repeat_forever": _mcsv(lambda tf, p: _m(tf, p, batch_size=4, shuffle=False,
                                                  limit=5)),
    "mcsv_select_columns": _mcsv(lambda tf, p: _m(
        tf, p, batch_size=3, select_columns=["name", "id"], shuffle=False, num_epochs=1)),
    "mcsv_column_defaults": _mcsv(lambda tf, p: _m(
        tf, p, batch_size=4, column_defaults=[tf.int64, tf.constant([-1.0], tf.float64),
                                               tf.string, tf.int32],
        shuffle=False, num_epochs=1)),
    "mcsv_column_names_no_header": _mcsv(lambda tf, p: _m(
        tf, p, "noheader.csv", batch_size=2, column_names=["a", "b"], header=False,
        shuffle=False, num_epochs=1)),
    "mcsv_no_header_no_names": _mcsv(lambda tf, p: _m(
        tf, p, "noheader.csv", batch_size=2, header=False)),
    "mcsv_different_headers": _mcsv(lambda tf, p: _m(tf, p, "*.csv", batch_size=2)),
    "mcsv_no_match": _mcsv(lambda tf, p: _m(tf, p, "zz*.csv", batch_size=2)),
    "mcsv_bad_label": _mcsv(lambda tf, p: _m(tf, p, batch_size=2, label_name="nope")),
    "mcsv_bad_select": _mcsv(lambda tf, p: _m(tf, p, batch_size=2, select_columns=["zz"])),
    "mcsv_dup_names": _mcsv(lambda tf, p: _m(tf, p, "noheader.csv", batch_size=2,
                                             column_names=["a", "a"], header=False)),
    "mcsv_ignore_errors": _mcsv(lambda tf, p: _m(
        tf, p, batch_size=2, column_defaults=[tf.int32, tf.float32, tf.int32, tf.int32],
        ignore_errors=True, shuffle=False, num_epochs=1)),
    "mcsv_graph_seeded": _mcsv(lambda tf, p: (tf.set_random_seed(9), _m(
        tf, p, batch_size=3, num_epochs=1))[1]),
})


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
