"""TF 1.14's tf.data.experimental.SqlDataset over a SQLite file: rows and their
conversions to each output type (integers wrapping to the type's width, reals, text,
blobs, NULLs), nested output structures, a fed file name, ORDER BY, and errors (column
count, unknown column or table, a writing statement, driver, output types).
tests/test_data_sql.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import os
import shutil
import sqlite3
import tempfile

from gen_experimental import _described, drain

PROGRAMS = {}

_ROWS = [(1, "a", 0.5, 1, 2 ** 40, b"\x00\xffz", "12abc"),
         (2, "bb", 1.25, 0, -3, b"", "-7.9"),
         (3, None, None, 1, 2 ** 63 - 1, None, "x"),
         (4, "dd", 1e20, 5, -2 ** 63, b"q", " 42 "),
         (5, "e\u00e9", 3.0, -1, 300, b"r", "3e2")]


def _make_db(d):
    p = os.path.join(d, "db.sqlite")
    c = sqlite3.connect(p)
    c.execute("create table t (id integer, name text, score real, flag integer, big integer, "
              "raw blob, txt text)")
    c.executemany("insert into t values (?,?,?,?,?,?,?)", _ROWS)
    c.commit()
    c.close()
    return p


def _err(e):
    return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0]
                       .replace("[_Derived_]", ""))


def _sql(query, types, driver="sqlite", missing=False, limit=12):
    def run(tf):
        d = tempfile.mkdtemp()
        try:
            p = _make_db(d)
            if missing:
                p = os.path.join(d, "missing.sqlite")
            with tf.Graph().as_default():
                try:
                    ds = tf.data.experimental.SqlDataset(driver, p, query, types(tf))
                    head = [_described(ds.output_types), _described(ds.output_shapes)]
                    nxt = ds.make_one_shot_iterator().get_next()
                except Exception as e:  # noqa: BLE001 - the error is the golden
                    return _err(e)
                with tf.Session() as sess:
                    return head + [[r.replace("[_Derived_]", "") if isinstance(r, str) else r
                                    for r in drain(tf, nxt, sess, limit)]]
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return run


def _fed(tf):
    d = tempfile.mkdtemp()
    try:
        p = _make_db(d)
        with tf.Graph().as_default():
            name = tf.placeholder(tf.string, [])
            q = tf.placeholder(tf.string, [])
            ds = tf.data.experimental.SqlDataset("sqlite", name, q, (tf.int64, tf.string))
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            out = []
            with tf.Session() as sess:
                for query in ("select id, name from t where id > 3",
                              "select flag, txt from t order by id desc"):
                    sess.run(it.initializer, {name: p, q: query})
                    out.append(drain(tf, nxt, sess))
            return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _ops(tf):
    with tf.Graph().as_default() as g:
        tf.data.experimental.SqlDataset("sqlite", "x.db", "select 1", (tf.int32,))
        return [[op.name, op.type] for op in g.get_operations()]


def _types(tf):
    return (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.bool)


PROGRAMS.update({
    "three_types": _sql("select id, name, score from t", lambda tf: (
        tf.int32, tf.string, tf.float64)),
    "where_not_null": _sql("select id, name, score from t where name is not null",
                           lambda tf: (tf.int32, tf.string, tf.float64)),
    "single_type": _sql("select id from t", lambda tf: tf.int64),
    "ints_from_big": _sql("select big, big, big, big, big, big, big from t", _types),
    "ints_from_real": _sql("select score, score, score, score, score, score, score from t",
                           _types),
    "ints_from_text": _sql("select txt, txt, txt, txt, txt, txt, txt from t", _types),
    "ints_from_flag": _sql("select flag, flag, flag, flag, flag, flag, flag from t", _types),
    "strings": _sql("select id, name, score, raw, txt, big from t", lambda tf: (
        tf.string,) * 6),
    "doubles": _sql("select id, score, txt, big from t", lambda tf: (tf.float64,) * 4),
    "dict_structure": _sql("select id, score from t", lambda tf: {"a": tf.int32,
                                                                  "b": tf.float64}),
    "nested_structure": _sql("select id, name, score from t", lambda tf: (
        tf.int64, (tf.string, tf.float64))),
    "order_by": _sql("select id, name from t order by score desc", lambda tf: (
        tf.int64, tf.string)),
    "expressions": _sql("select id * 2, 'k' || id, 1.5 from t where id < 3", lambda tf: (
        tf.int64, tf.string, tf.float64)),
    "too_few_types": _sql("select id, name from t", lambda tf: (tf.int64,)),
    "too_many_types": _sql("select id from t", lambda tf: (tf.int64, tf.string)),
    "unknown_column": _sql("select nope from t", lambda tf: (tf.int32,)),
    "syntax_error": _sql("selec id from t", lambda tf: (tf.int32,)),
    "insert_refused": _sql("insert into t values (9,'x',1,1,1,null,'')", lambda tf: (
        tf.int32,)),
    "missing_file": _sql("select id from t", lambda tf: (tf.int32,), missing=True),
    "bad_driver": _sql("select id from t", lambda tf: (tf.int32,), driver="mysql"),
    "float32_refused": _sql("select id, score from t", lambda tf: (tf.int32, tf.float32)),
    "fed_names": _fed,
    "ops": _ops,
})


def cases(tf):
    out = {}
    for name in sorted(PROGRAMS):
        prog = PROGRAMS[name]
        out[name] = prog(tf)
    return out
