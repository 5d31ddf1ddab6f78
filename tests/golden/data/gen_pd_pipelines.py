"""TF 1.14's input pipelines as TF1 scripts write them, where flowgrad differed: the
errors of from_generator's checks (structure, type, shape, the generator's own
exception) with the PyFunc tag, strings it yields, batch's shape errors (BatchDataset's
and a map's MapAndBatch message), bucket_by_sequence_length's assert_less,
make_initializer's type errors, Dataset.zip of a list, and tf.train.Example's text.
tests/test_pd_pipelines.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import numpy as np

PROGRAMS = {}


def _msg(e, tags=True):
    """An error's class, first line and node-tag lines without their " (defined at ...)"
    (py_func messages hold a traceback in between, which differs by installation)."""
    text = str(getattr(e, "message", e))
    lines = text.split("\n")
    return [type(e).__name__, lines[0]] + [ln.split(" (defined at ")[0]
                                           for ln in lines[1:] if tags and ln.startswith("\t [[")]


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    if isinstance(v, np.ndarray) and v.dtype == object:
        return [_plain(x) for x in v.tolist()]
    return v


def _drain(tf, ds, limit=50, tags=True):
    nxt = ds.make_one_shot_iterator().get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(limit):
            try:
                out.append(_plain(sess.run(nxt)))
            except tf.errors.OutOfRangeError:
                out.append("END")
                break
            except tf.errors.OpError as e:
                out.append(_msg(e, tags))
                break
    return out


def program(fn):
    def run(tf):
        try:
            with tf.Graph().as_default():
                return fn(tf)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return _msg(e)
    PROGRAMS[fn.__name__] = run
    return fn


def _gen(items):
    return lambda: iter(items)


# -- from_generator ---------------------------------------------------------------------
@program
def gen_strings(tf):
    ds = tf.data.Dataset.from_generator(_gen(["a", b"b", u"\u00e9"]), tf.string)
    ds2 = tf.data.Dataset.from_generator(_gen([["x", "yz"], [b"q", u"r"]]), tf.string,
                                         tf.TensorShape([2]))
    ds3 = tf.data.Dataset.from_generator(_gen([("f1", 1), ("f2", 2)]), (tf.string, tf.int64))
    return [_drain(tf, ds), _drain(tf, ds2), _drain(tf, ds3.batch(2))]


@program
def gen_structure_too_short(tf):
    return _drain(tf, tf.data.Dataset.from_generator(
        _gen([(1, 2)]), (tf.int64, tf.int64, tf.int64)))


@program
def gen_structure_list_for_tuple(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_gen([[1, 2]]), (tf.int64, tf.int64)))


@program
def gen_structure_dict_keys(tf):
    return _drain(tf, tf.data.Dataset.from_generator(
        _gen([{"a": 1, "c": 2.0}]), {"a": tf.int64, "b": tf.float32}))


@program
def gen_structure_dict_ok(tf):
    return _drain(tf, tf.data.Dataset.from_generator(
        _gen([{"a": 1, "b": 2.0}, {"b": 4, "a": 3}]), {"a": tf.int64, "b": tf.float32}))


@program
def gen_deeper_leaf(tf):
    # a leaf of output_types may take a tuple: it becomes one array
    return _drain(tf, tf.data.Dataset.from_generator(_gen([((1, 2), 3)]), (tf.int64, tf.int64)))


@program
def gen_bad_type(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_gen([1, "x"]), tf.int64))


@program
def gen_bad_shape(tf):
    return _drain(tf, tf.data.Dataset.from_generator(
        _gen([[1, 2], [3]]), tf.int64, tf.TensorShape([2])))


@program
def gen_bad_shape_unknown_dim(tf):
    return _drain(tf, tf.data.Dataset.from_generator(
        _gen([[[1, 2]], [3]]), tf.int64, tf.TensorShape([None, 2])))


def _raising(exc):
    def g():
        yield 1
        raise exc
    return g


@program
def gen_raises_value_error(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_raising(ValueError("boom")), tf.int64))


@program
def gen_raises_key_error(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_raising(KeyError("k")), tf.int64))


@program
def gen_raises_not_implemented(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_raising(NotImplementedError("later")),
                                                     tf.int64).map(lambda x: x + 1))


# -- batch ------------------------------------------------------------------------------
@program
def batch_shapes_differ(tf):
    return _drain(tf, tf.data.Dataset.from_generator(_gen([[1, 2], [3]]), tf.int64).batch(2))


@program
def batch_shapes_differ_later_component(tf):
    ds = tf.data.Dataset.from_generator(
        _gen([(1, [[1.0, 2.0]]), (2, [[1.0], [2.0]]), (3, [[5.0]])]), (tf.int64, tf.float32))
    return _drain(tf, ds.batch(3))


@program
def batch_of_map_shapes_differ(tf):
    return _drain(tf, tf.data.Dataset.range(4).map(lambda x: tf.fill([x], x)).batch(2))


# -- padded_batch ------------------------------------------------------------------------
def _padded_source(tf):
    return tf.data.Dataset.range(1, 5).map(
        lambda x: {"ids": tf.range(x), "len": x, "m": tf.ones([x, 2])})


@program
def padded_batch_dict(tf):
    pb = _padded_source(tf).padded_batch(
        2, padded_shapes={"ids": [None], "len": [], "m": [5, None]},
        padding_values={"ids": np.int64(-1), "len": np.int64(0), "m": 9.0})
    return [str(pb.output_shapes["m"]), _drain(tf, pb)]


@program
def padded_batch_too_small(tf):
    return _drain(tf, _padded_source(tf).padded_batch(
        2, padded_shapes={"ids": [2], "len": [], "m": [None, 2]}))


@program
def padded_batch_missing_key(tf):
    return _msg_of(lambda: _padded_source(tf).padded_batch(
        2, padded_shapes={"ids": [None], "len": []}))


@program
def padded_batch_other_keys(tf):
    return _msg_of(lambda: _padded_source(tf).padded_batch(
        2, padded_shapes={"ids": [None], "len": [], "n": [None, 2]}))


@program
def padded_batch_list_for_tuple(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: (tf.range(x), x))
    return [_msg_of(lambda: ds.padded_batch(2, padded_shapes=[[None], []])),
            _msg_of(lambda: ds.padded_batch(2, ([None], []), padding_values=[np.int64(1)]))]


@program
def padded_batch_value_and_shape_checks(tf):
    ds = tf.data.Dataset.range(1, 5).map(lambda x: (tf.range(x), tf.cast(x, tf.float32)))
    out = [_msg_of(lambda: ds.padded_batch(2, ([None], []), padding_values=(1, 0.0))),
           _msg_of(lambda: ds.padded_batch(2, ([None], []), padding_values=(np.int64(1), 0))),
           _msg_of(lambda: ds.padded_batch(2, ([None], []),
                                           padding_values=(np.int64(1), [0.0]))),
           _msg_of(lambda: ds.padded_batch(2, (tf.constant([3]), []))),
           _msg_of(lambda: ds.padded_batch(2, (tf.constant([[3]], tf.int64), []))),
           _msg_of(lambda: ds.padded_batch(2, ([None, 2], [])))]
    ok = ds.padded_batch(2, (tf.constant([-1], tf.int64), []),
                         padding_values=(tf.constant(7, tf.int64), 0.5))
    out.append([str(ok.output_shapes), _drain(tf, ok)])
    g = tf.get_default_graph()   # the failed calls' tensors count in the names, as TF's
    out.append(sorted(o.name for o in g.get_operations() if o.type == "Const")[-6:])
    return out


@program
def dataset_argument_errors(tf):
    """At run time: an initializable iterator's initializer fails with the dataset op's
    error; a one-shot iterator's with TF's derived error from its dataset function."""
    ds = tf.data.Dataset.range(5)
    o = tf.data.Options()
    o.experimental_optimization.apply_default_optimizations = False
    makes = [lambda: ds.batch(0), lambda: ds.map(lambda x: x + 1).shuffle(0).repeat(2),
             lambda: ds.prefetch(-5),
             lambda: ds.map(lambda x: tf.range(x)).padded_batch(2, tf.constant([-2], tf.int64)),
             lambda: ds.batch(0).with_options(o),
             lambda: ds.apply(tf.data.experimental.map_and_batch(lambda x: x, 0))]
    out = []
    for make in makes:
        it = make().make_initializable_iterator()
        with tf.Session() as sess:
            try:
                sess.run(it.initializer)
                out.append("no error")
            except tf.errors.OpError as e:
                out.append(_msg(e))
        out.append(_drain(tf, make()))
    out.append(_drain(tf, ds.prefetch(-1)))
    return out


def _init_error(tf, make):
    try:
        d = make()
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return ["build"] + _msg(e, tags=False)
    it = d.make_initializable_iterator()
    with tf.Session() as sess:
        try:
            sess.run(it.initializer)
            return "ok"
        except tf.errors.OpError as e:
            return _msg(e, tags=False)


@program
def dataset_argument_checks(tf):
    ds = tf.data.Dataset.range(1, 5)
    f = lambda a: tf.data.Dataset.from_tensors(a)  # noqa: E731
    exp = tf.data.experimental
    makes = [lambda: ds.interleave(f, cycle_length=0),
             lambda: ds.interleave(f, cycle_length=-1),
             lambda: ds.interleave(f, cycle_length=0, block_length=0),
             lambda: ds.interleave(f, cycle_length=2, block_length=0),
             lambda: ds.interleave(f, cycle_length=2, num_parallel_calls=4),
             lambda: ds.interleave(f, cycle_length=2, block_length=0, num_parallel_calls=0),
             lambda: ds.interleave(f, cycle_length=2, num_parallel_calls=0),
             lambda: ds.interleave(f, cycle_length=-1, num_parallel_calls=-1),
             lambda: ds.apply(exp.parallel_interleave(f, cycle_length=0)),
             lambda: ds.apply(exp.parallel_interleave(f, cycle_length=2, block_length=0)),
             lambda: ds.apply(exp.parallel_interleave(f, 2, buffer_output_elements=0)),
             lambda: ds.apply(exp.parallel_interleave(f, 2, prefetch_input_elements=-1)),
             lambda: ds.map(lambda x: x, num_parallel_calls=0),
             lambda: ds.map(lambda x: x, num_parallel_calls=-2),
             lambda: ds.map(lambda x: x, num_parallel_calls=-1),
             lambda: ds.apply(exp.map_and_batch(lambda x: x, 2, num_parallel_calls=0)),
             lambda: ds.apply(exp.map_and_batch(lambda x: x, 0, num_parallel_calls=0)),
             lambda: ds.window(0), lambda: ds.window(2, shift=0),
             lambda: ds.window(2, stride=0), lambda: ds.window(0, 0, 0),
             lambda: ds.apply(tf.contrib.data.sliding_window_batch(0)),
             lambda: ds.apply(tf.contrib.data.sliding_window_batch(2, 0)),
             lambda: tf.data.TFRecordDataset("x", buffer_size=-3),
             lambda: tf.data.TFRecordDataset("x", compression_type="BAD"),
             lambda: tf.data.TextLineDataset("x", compression_type="BAD"),
             lambda: tf.data.TextLineDataset("x", buffer_size=-1),
             lambda: tf.data.FixedLengthRecordDataset("x", 0),
             lambda: tf.data.FixedLengthRecordDataset("x", 4, header_bytes=-1),
             lambda: tf.data.FixedLengthRecordDataset("x", 4, footer_bytes=-1),
             lambda: tf.data.FixedLengthRecordDataset("x", 4, buffer_size=-1)]
    return [_init_error(tf, m) for m in makes]


# -- bucket_by_sequence_length ----------------------------------------------------------
@program
def bucket_pad_to_boundary_too_long(tf):
    lens = [3, 1, 7, 4, 9, 2]
    ds = tf.data.Dataset.from_generator(_gen([[n] * n for n in lens]), tf.int32,
                                        tf.TensorShape([None]))
    ds = ds.apply(tf.data.experimental.bucket_by_sequence_length(
        lambda x: tf.shape(x)[0], [4, 8], [2, 2, 2], pad_to_bucket_boundary=True,
        padding_values=-1))
    return _drain(tf, ds)


# -- iterators --------------------------------------------------------------------------
@program
def make_initializer_wrong_type(tf):
    train = tf.data.Dataset.range(10).map(lambda v: tf.cast(v, tf.float32)).batch(4)
    return _msg_of(lambda: tf.data.Iterator.from_structure(
        tf.int64, tf.TensorShape([])).make_initializer(train))


@program
def make_initializer_wrong_types_nested(tf):
    ds = tf.data.Dataset.from_tensor_slices(({"a": [1.0]}, [2]))
    return _msg_of(lambda: tf.data.Iterator.from_structure(
        ({"a": tf.float64}, tf.int32)).make_initializer(ds))


@program
def make_initializer_wrong_shape(tf):
    ds = tf.data.Dataset.range(10).batch(4)
    return _msg_of(lambda: tf.data.Iterator.from_structure(
        tf.int64, tf.TensorShape([None, 3])).make_initializer(ds))


@program
def feedable_iterator_mismatch(tf):
    a = tf.data.Dataset.range(3)
    others = [a.map(lambda x: tf.cast(x, tf.float32)), a.batch(2), tf.data.Dataset.zip((a, a)),
              a.map(lambda x: tf.cast(x, tf.float64)), a]
    h = tf.placeholder(tf.string, [])
    nxt = tf.data.Iterator.from_string_handle(h, a.output_types, a.output_shapes).get_next()
    out = []
    with tf.Session() as sess:
        for d in others:
            handle = sess.run(d.make_one_shot_iterator().string_handle())
            try:
                out.append(_plain(sess.run(nxt, {h: handle})))
            except tf.errors.OpError as e:
                out.append(_msg(e, tags=False))
        try:
            sess.run(nxt, {h: b"garbage"})
        except tf.errors.OpError as e:
            out.append(_msg(e, tags=False))
    return out


# -- what a map function captures; what a one-shot iterator refuses ----------------------
@program
def map_ops_on_outer_tensors_run_per_element(tf):
    shape = tf.constant([2])
    scale = tf.constant(3.0)
    dss = [tf.data.Dataset.range(3).map(lambda x: tf.random_uniform(shape, seed=1)),
           tf.data.Dataset.range(3).map(lambda x: scale * tf.random_normal([2], seed=2)),
           tf.data.Dataset.range(3).map(lambda x: tf.cast(shape, tf.float32) + 0.5)]
    out = [_drain(tf, d) for d in dss]
    g = tf.get_default_graph()
    out.append([len(g.get_operations()), sorted(set(o.type for o in g.get_operations()))])
    return out


@program
def map_reads_variables_per_element(tf):
    v = tf.get_variable("rv", initializer=tf.constant(1, tf.int64), use_resource=True)
    w = tf.Variable(10, dtype=tf.int64)
    d = tf.data.Dataset.range(4).map(lambda x: x + v + w)
    inputs = [[i.op.name, i.op.type] for i in d._variant_tensor.op.inputs]
    it = d.make_initializable_iterator()
    n = it.get_next()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(it.initializer)
        first = sess.run(n)
        sess.run([v.assign(100), w.assign(1000)])
        return [inputs, first, sess.run(n)]


@program
def one_shot_captures(tf):
    out = []
    bs = tf.placeholder_with_default(np.int64(2), [], name="bs")
    n = tf.data.Dataset.range(7).batch(bs).make_one_shot_iterator().get_next()
    with tf.Session() as sess:   # captured by value: the feed is not seen
        out.append([sess.run(n).tolist(), sess.run(n, {bs: 3}).tolist()])
    r = tf.random_uniform([], seed=1)
    v = tf.get_variable("rv", initializer=tf.constant(1, tf.int64), use_resource=True)
    p = tf.py_func(lambda: np.int64(4), [], tf.int64)
    t = tf.contrib.lookup.index_table_from_tensor(["a", "b"])
    ph = tf.placeholder(tf.int64, [])
    r64 = tf.cast(r, tf.int64)
    makes = [lambda: tf.data.Dataset.range(3).map(lambda x: tf.cast(x, tf.float32) + r),
             lambda: tf.data.Dataset.range(3).map(lambda x: x + v),
             lambda: tf.data.Dataset.range(3).map(lambda x: x + p),
             lambda: tf.data.Dataset.from_tensor_slices(["a"]).map(lambda x: t.lookup(x)),
             lambda: tf.data.Dataset.range(3).map(lambda x: x + ph),
             # depth first, inputs in order: the first offender found is TF's
             lambda: tf.data.Dataset.range(3).map(lambda x: x + r64 + ph),
             lambda: tf.data.Dataset.range(3).map(lambda x: x + ph + r64),
             lambda: tf.data.Dataset.range(ph)]
    for make in makes:
        out.append(_msg_of(lambda: make().make_one_shot_iterator()))
    return out


# -- a tf.cond in a dataset function: TF's If, lowered, names the failing branch op ----
def _first_error(tf, f):
    nxt = tf.data.Dataset.range(5).map(f).make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        try:
            for _ in range(5):
                sess.run(nxt)
        except tf.errors.InvalidArgumentError as e:
            return _msg(e)
    return "no error"


@program
def cond_in_function_error_names(tf):
    def asserts(x):
        a = tf.assert_less(x, tf.constant(10, tf.int64), message="first")
        b = tf.assert_less(x, tf.constant(3, tf.int64), message="second")
        with tf.control_dependencies([a, b]):
            return tf.identity(x)

    def cond_then_assert(x):
        y = x + 1
        c = tf.cond(x > 1, lambda: (x, y), lambda: (y, y))
        a = tf.Assert(x < 3, [x, y])
        with tf.control_dependencies([a]):
            return tf.identity(c[0])

    def string_only_assert(x):   # one Assert op, no cond
        with tf.control_dependencies([tf.Assert(x < 3, ["no tensors"])]):
            return tf.identity(x)

    def then_branch(x):
        xf = tf.cast(x, tf.float32)
        c = tf.cond(x > 0, lambda: (xf, xf), lambda: (xf, 2 * xf))
        return tf.cond(x > 1, lambda: tf.check_numerics(1.0 / (xf - 2.0), "bad"),
                       lambda: c[0])

    def else_branch_scoped(x):
        xf = tf.cast(x, tf.float32)
        with tf.name_scope("outer"):
            return tf.cond(x < 2, lambda: xf, lambda: tf.identity(
                tf.check_numerics(tf.log(xf - 2.0), "neg"), name="ident"), name="mycond")

    return [_first_error(tf, f) for f in (asserts, cond_then_assert, string_only_assert,
                                          then_branch, else_branch_scoped)]


@program
def one_shot_drops_control_dependencies(tf):
    """A one-shot iterator copies its dataset by value through inputs: list_files' check
    and a user's control dependency do not run (an initializable iterator runs them)."""
    import os
    import tempfile
    d = tempfile.mkdtemp()
    try:
        pattern = os.path.join(d, "*.none")
        x = tf.constant([1, 2, 3])
        with tf.control_dependencies([tf.Assert(tf.constant(False), ["never"])]):
            x = tf.identity(x)
        out = [_drain(tf, tf.data.Dataset.list_files(pattern)),
               _drain(tf, tf.data.Dataset.from_tensor_slices(x))]
        for ds in (tf.data.Dataset.list_files(pattern), tf.data.Dataset.from_tensor_slices(x)):
            out.append(_init_error(tf, lambda: ds))
        return [[m.replace(d, "D") if isinstance(m, str) else m for m in o]
                if isinstance(o, list) else o for o in out]
    finally:
        os.rmdir(d)


def _msg_of(fn):
    try:
        fn()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _msg(e)


# -- Dataset.zip ------------------------------------------------------------------------
@program
def zip_of_list(tf):
    r = tf.data.Dataset.range(3)
    return [_msg_of(lambda: tf.data.Dataset.zip([r, r])),
            _msg_of(lambda: tf.data.Dataset.zip((r, [r]))),
            _msg_of(lambda: tf.data.Dataset.zip((r, 1)))]


# -- a function returning what is no tensor ---------------------------------------------
@program
def unsupported_return_values(tf):
    r = tf.data.Dataset.range(3)
    exp = tf.data.experimental
    return [_msg_of(lambda: r.map(lambda x: None)),
            _msg_of(lambda: r.map(lambda x: (x, None))),
            _msg_of(lambda: r.map(lambda x: [x, {"a": None}])),
            _msg_of(lambda: r.filter(lambda x: None)),
            _msg_of(lambda: r.flat_map(lambda x: None)),
            _msg_of(lambda: r.interleave(lambda x: None, cycle_length=1)),
            _msg_of(lambda: r.apply(exp.map_and_batch(lambda x: None, 2))),
            _msg_of(lambda: r.apply(exp.parallel_interleave(lambda x: None, 1))),
            _msg_of(lambda: r.apply(exp.take_while(lambda x: None))),
            _msg_of(lambda: r.apply(exp.scan(np.int64(0), lambda s, x: (s, None)))),
            _msg_of(lambda: r.apply(exp.group_by_window(lambda x: x, lambda k, w: None, 2))),
            _msg_of(lambda: r.apply(exp.group_by_window(lambda x: x, lambda k, w: w,
                                                        window_size_func=lambda k: None)))]


# -- parse_example / parse_single_example's build-time errors ---------------------------
@program
def parse_build_errors(tf):
    s = tf.constant(["x"])
    sp = tf.SparseFeature("idx", "val", tf.float32, 4)
    seq = tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True)
    out = [_msg_of(lambda: tf.parse_example(s, {"sp": sp, "val": seq})),
           _msg_of(lambda: tf.parse_single_example(s[0], {"sp": sp, "val": seq})),
           _msg_of(lambda: tf.parse_single_example(s[0], {"a": tf.FixedLenFeature([],
                                                                                 tf.int32)})),
           _msg_of(lambda: tf.parse_example(s, {"a": tf.FixedLenFeature([2], tf.float64)})),
           _msg_of(lambda: tf.parse_single_example(s[0], {"a": tf.VarLenFeature(tf.float64)})),
           _msg_of(lambda: tf.parse_example(s, {"a": tf.VarLenFeature(tf.bool),
                                                "b": tf.FixedLenFeature([], tf.int32)})),
           _msg_of(lambda: tf.parse_single_example(s[0], {})),
           _msg_of(lambda: tf.parse_example(s, {})),
           _msg_of(lambda: tf.parse_single_example(s, {"a": tf.VarLenFeature(tf.float32)})),
           _msg_of(lambda: tf.parse_example(s[0], {"a": tf.VarLenFeature(tf.float32)})),
           _msg_of(lambda: tf.parse_example(tf.constant([["x"]]), {"a": seq}))]
    # the failed calls' name scopes are taken, as in TF
    out.append(tf.parse_example(s, {"a": tf.VarLenFeature(tf.float32)})["a"].values.name)
    out.append(tf.parse_single_example(s[0], {"a": tf.FixedLenFeature([], tf.string)})[
        "a"].name)
    return out


@program
def parse_dense_default_inputs(tf):
    """The dense defaults' inputs: names, shapes (and values when run)."""
    feats = {"seq": tf.FixedLenSequenceFeature([2], tf.float32, allow_missing=True),
             "seq d": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=True,
                                                 default_value=-1),
             "fix:x": tf.FixedLenFeature([2], tf.float32, default_value=[1.0, 2.0]),
             "fix_t": tf.FixedLenFeature([], tf.int64, default_value=tf.constant(
                 5, tf.int64, name="given")),
             "req": tf.FixedLenFeature([], tf.string)}
    ex = tf.train.Example(features=tf.train.Features(feature={
        "seq": tf.train.Feature(float_list=tf.train.FloatList(value=[1, 2, 3, 4])),
        "req": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"r"]))}))
    s = ex.SerializeToString()
    out = []
    for parsed in (tf.parse_example(tf.constant([s, s]), feats),
                   tf.parse_single_example(tf.constant(s), feats)):
        op = parsed["req"].op
        out.append([[t.name, str(t.shape)] for t in op.inputs])
        with tf.Session() as sess:
            out.append(_plain(sess.run(parsed)))
    return out


@program
def mixed_string_lists(tf):
    """A list mixing strings and other values: TF infers string, then cannot make bytes."""
    makes = [lambda: tf.data.Dataset.from_tensor_slices(["a", 1]),
             lambda: tf.constant(["a", 1]), lambda: tf.convert_to_tensor([1, "a"]),
             lambda: tf.constant([b"a", 2.5]), lambda: tf.constant([["a"], [2]]),
             lambda: tf.constant(("a", 2.5)), lambda: tf.constant(["a", 1], tf.string),
             lambda: str(tf.constant([b"a", u"b"])),
             lambda: str(tf.data.Dataset.from_tensor_slices([[b"a"], [u"b"]]))]
    return [_msg_of(m) if i < 7 else m() for i, m in enumerate(makes)]


# -- tf.train.Example's text ------------------------------------------------------------
@program
def example_text(tf):
    floats = [0.0, -0.0, 1.5, 0.1, 1e20, 3, float("inf"), float("-inf"), float("nan"), 1e-7,
              123456789.0, 2.5e-45]
    ex = tf.train.Example(features=tf.train.Features(feature={
        "b": tf.train.Feature(float_list=tf.train.FloatList(value=floats)),
        "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1, -5, 2 ** 62])),
        "c": tf.train.Feature(bytes_list=tf.train.BytesList(
            value=[b"hi\n\x00\xff", u"\u00e9t\u00e9".encode("utf-8"), b"q\"'\\"])),
        "e": tf.train.Feature(float_list=tf.train.FloatList()),
    }))
    se = tf.train.SequenceExample()
    se.context.feature["len"].int64_list.value.append(3)
    fl = se.feature_lists.feature_list["tok"]
    fl.feature.add().int64_list.value.extend([1, 2])
    fl.feature.add().float_list.value.append(0.5)
    return [str(ex), repr(ex), str(ex.features.feature["b"]), "%s" % ex.features.feature["b"]
            .float_list, str(se), str(tf.train.Feature()), str(tf.train.FloatList(value=[2]))]


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
