"""GraphDefs TF 1.14 writes with its older TensorArray ops (tests/test_prawops4_graphdefs.py):
TensorArrayV2 and its Read/Write/Gather/Scatter/Concat/Split/Size/Close/Grad V2 forms (removed
at GraphDef version 26: a producer-25 graph) and the v1 forms on a string_ref handle with
TensorArrayPack/Unpack (removed at 16: a producer-15 graph), built with tf.raw_ops in a
graph whose producer an imported empty GraphDef lowered (TF's import keeps the smaller).

A case runs its steps in order in one session: {"graph": the serialized GraphDef, "steps":
[[tensor or op names fetched by one run], ...], "values": TF's values per step, an
OpError as [class, first line], "shapes": [[fetched tensor, TF's static shape]]}. Array
names carry TF's process-wide count of arrays made (`TensorArrayV2_3`): `norm` writes it
as `_N`. "errors": what TF raises when graphs are built: the gradient rules (a string
handle into TensorArrayGradV3), Pack's missing gradient, the removed ops at version 38.
Also TileGrad (removed at 3: its kernel never runs in TF 1.14), "tables_v1": the
reference-typed (v1) lookup table ops (HashTable, MutableHashTable,
MutableHashTableOfTensors, InitializeTable, InitializeTableFromTextFile on this
generator's own source, whose path is fed to the placeholder "path" (its first line is a
key), LookupTableFind/Insert/Import/Export/Size) and "sdbb_v1": SampleDistortedBoundingBox
(v1), seeded, "stacks_v1": Stack, StackPush, StackPop, StackClose, StackCloseV2, and
"saver_v1": Save, Restore and RestoreSlice on a V1 file in a temporary folder,
"variable_v1": the Variable op (VariableV2's first form) and the ops that write it,
"quantize_v1": QuantizeAndDequantize (v1) from a producer-21 graph, "random_crop_v1":
RandomCrop, seeded, from a producer-7 graph."""
import os
import re
import tempfile

import numpy as np

_SELF = os.path.abspath(__file__).replace(".pyc", ".py")

_COUNT = re.compile(r"_\d+(?=[@: .\]]|$)")   # an array's name ends in its count


def feeds(g):
    """(feed dict, checkpoint path) for graph g's placeholders: "path" this file, "ckpt" a
    file in a new temporary folder (messages write it as CKPT)."""
    names = {op.name for op in g.get_operations()}
    feed, ckpt = {}, None
    if "path" in names:
        feed["path:0"] = _SELF
    if "ckpt" in names:
        ckpt = feed["ckpt:0"] = os.path.join(tempfile.mkdtemp(), "model.ckpt")
    return feed, ckpt


def norm(v, ckpt=None):
    """A fetched value or error with the arrays' run counts written as _N (and the
    checkpoint path as CKPT)."""
    if isinstance(v, str):
        v = v.replace(ckpt, "CKPT") if ckpt else v
        return _COUNT.sub("_N", v)
    if isinstance(v, np.ndarray) and v.dtype == object:
        return [norm(x.decode()) for x in v.reshape(-1)]
    return v


def _lower(tf, producer):
    gd = tf.GraphDef()
    gd.versions.producer = producer
    tf.import_graph_def(gd, name="old")


def _case(tf, build, producer):
    with tf.Graph().as_default() as g:
        _lower(tf, producer)
        steps = build(tf, tf.raw_ops)
        feed, ckpt = feeds(g)
        values = []
        with tf.Session() as sess:
            for fetch in steps:
                try:
                    got = sess.run(fetch, feed)
                except tf.errors.OpError as e:   # (TF's class and first line)
                    values.append([type(e).__name__, norm(str(e).split("\n")[0], ckpt)])
                    continue
                values.append([norm(v) for v, t in zip(got, fetch)
                               if not isinstance(t, tf.Operation)])
        shapes = [[t.name, _dims(t.shape)] for fetch in steps for t in fetch
                  if not isinstance(t, tf.Operation)]
        return {"graph": g.as_graph_def().SerializeToString(deterministic=True),
                "producer": producer,
                "steps": [[t.name for t in fetch] for fetch in steps], "values": values,
                "shapes": shapes}


def _dims(shape):
    return None if shape.ndims is None else [-1 if d is None else d for d in shape.as_list()]


def _v2(tf, R):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(4, 3, 2) / 7)
    h = R.TensorArrayV2(size=4, dtype=tf.float32, element_shape=[3, 2], name="ta")
    f1 = R.TensorArrayWriteV2(handle=h, index=1, value=x[1], flow_in=0.)
    f2 = R.TensorArrayScatterV2(handle=h, indices=[3, 0], value=tf.stack([x[3], x[0]]),
                                flow_in=f1)
    r1 = R.TensorArrayReadV2(handle=h, index=1, flow_in=f2, dtype=tf.float32)
    r2 = R.TensorArrayReadV2(handle=h, index=2, flow_in=f2, dtype=tf.float32)   # unwritten
    gat = R.TensorArrayGatherV2(handle=h, indices=[0, 3], flow_in=f2, dtype=tf.float32)
    size = R.TensorArraySizeV2(handle=h, flow_in=f2)
    twice = R.TensorArrayWriteV2(handle=h, index=1, value=x[1], flow_in=f2)
    wrong = R.TensorArrayWriteV2(handle=h, index=2, value=tf.constant([[1, 2]]), flow_in=f2)
    past = R.TensorArrayWriteV2(handle=h, index=4, value=x[1], flow_in=f2)
    again = R.TensorArrayReadV2(handle=h, index=1, flow_in=r1, dtype=tf.float32)
    # a dynamic array split from a vector, concatenated back; a second array's lengths
    d = R.TensorArrayV2(size=0, dtype=tf.int32, dynamic_size=True, clear_after_read=False,
                        tensor_array_name="dyn")
    fs = R.TensorArraySplitV2(handle=d, value=tf.range(7), lengths=tf.constant([2, 0, 4, 1],
                                                                               tf.int64),
                              flow_in=0.)
    cat = R.TensorArrayConcatV2(handle=d, flow_in=fs, dtype=tf.int32)
    dsize = R.TensorArraySizeV2(handle=d, flow_in=fs)
    dread = [R.TensorArrayReadV2(handle=d, index=i, flow_in=fs, dtype=tf.int32) for i in (2, 2)]
    fw = R.TensorArrayWriteV2(handle=d, index=6, value=[9], flow_in=fs)
    dsize2 = R.TensorArraySizeV2(handle=d, flow_in=fw)
    # gradient arrays: one per source, writes summed
    gh = R.TensorArrayGradV2(handle=h, flow_in=f2, source="g")
    gh2 = R.TensorArrayGradV2(handle=h, flow_in=f2, source="g")
    gw = R.TensorArrayWriteV2(handle=gh, index=0, value=tf.ones([3, 2]), flow_in=0.)
    gw2 = R.TensorArrayWriteV2(handle=gh2, index=0, value=x[2], flow_in=gw)
    gr = R.TensorArrayReadV2(handle=gh, index=0, flow_in=gw2, dtype=tf.float32)
    gsize = R.TensorArraySizeV2(handle=gh, flow_in=gw2)
    gbad = R.TensorArrayWriteV2(handle=gh2, index=0, value=tf.ones([2]), flow_in=gw)
    close = R.TensorArrayCloseV2(handle=h)
    with tf.control_dependencies([close]):
        closed = R.TensorArraySizeV2(handle=h, flow_in=f2)
    empty = R.TensorArrayV2(size=0, dtype=tf.float32)
    egat = R.TensorArrayGatherV2(handle=empty, indices=tf.zeros([0], tf.int32), flow_in=0.,
                                 dtype=tf.float32, element_shape=[2])
    eun = R.TensorArrayGatherV2(handle=empty, indices=tf.zeros([0], tf.int32), flow_in=0.,
                                dtype=tf.float32)
    return [[h, f2, r1, r2, gat, size], [f2, twice], [f2, wrong], [f2, past], [r1, again],
            [d, fs, cat.value, cat.lengths, dsize] + dread, [fw, dsize2],
            [gh, gw2, gr, gsize], [gw, gbad], [f2, closed], [egat], [eun]]


def _v1(tf, R):
    x = tf.constant(np.arange(12, dtype=np.float64).reshape(3, 4) - 5.5)
    h = R.TensorArray(size=3, dtype=tf.float64, name="ta")
    fu = R.TensorArrayUnpack(handle=h, value=x, flow_in=0.)
    pack = R.TensorArrayPack(handle=h, flow_in=fu, dtype=tf.float64)
    h2 = R.TensorArray(size=3, dtype=tf.float64, clear_after_read=False)
    fw = R.TensorArrayWrite(handle=h2, index=2, value=x[1], flow_in=0.)
    fsc = R.TensorArrayScatter(handle=h2, indices=[0, 1], value=x[:2], flow_in=fw)
    rd = R.TensorArrayRead(handle=h2, index=2, flow_in=fsc, dtype=tf.float64)
    gat = R.TensorArrayGather(handle=h2, indices=[2, 0, 2], flow_in=fsc, dtype=tf.float64)
    cat = R.TensorArrayConcat(handle=h2, flow_in=fsc, dtype=tf.float64)
    size = R.TensorArraySize(handle=h2, flow_in=fsc)
    h3 = R.TensorArray(size=2, dtype=tf.float64)
    fsp = R.TensorArraySplit(handle=h3, value=tf.reshape(x, [-1]),
                             lengths=tf.constant([5, 7], tf.int64), flow_in=0.)
    cat3 = R.TensorArrayConcat(handle=h3, flow_in=fsp, dtype=tf.float64)
    badsplit = R.TensorArraySplit(handle=h3, value=tf.reshape(x, [-1]),
                                  lengths=tf.constant([5, 5], tf.int64), flow_in=0.)
    g = R.TensorArrayGrad(handle=h2, flow_in=fsc, source="grad")
    gw = R.TensorArrayScatter(handle=g, indices=[1, 1], value=x[:2], flow_in=0.)
    gw2 = R.TensorArrayWrite(handle=g, index=2, value=x[2], flow_in=gw)
    # (unwritten index 0: zeros shaped like the forward's element; TF 1.14's Pack of a
    # gradient array aborts the process)
    gpack = R.TensorArrayGather(handle=g, indices=[0, 1, 2], flow_in=gw2, dtype=tf.float64)
    close = R.TensorArrayClose(handle=h2)
    with tf.control_dependencies([close]):
        closed = R.TensorArrayRead(handle=h2, index=0, flow_in=fsc, dtype=tf.float64)
    return [[fu, pack], [h2, fsc, rd, gat, cat.value, cat.lengths, size],
            [fsp, cat3.value, cat3.lengths], [badsplit], [g, gpack], [fsc, closed]]


def _tile_grad(dt):
    """TileGrad (removed at 3): TF 1.14's kernel has a constraint on an attr the op lacks,
    so no run holding it succeeds, whatever its dtype (one session each: a session of
    TF 1.14 repeats the first such error it met)."""
    def build(tf, R):
        x = np.arange(24).reshape(4, 6) - 7
        return [[R.TileGrad(input=tf.constant(x.astype(dt)), multiples=[2, 3])]]
    return build


def _v3_split(tf, R):
    """TensorArrayV3's split errors (TF writes no array name in them)."""
    ta = tf.TensorArray(tf.float32, size=2)
    return [[ta.split(tf.zeros([12]), tf.constant([5, 5], tf.int64)).flow],
            [tf.TensorArray(tf.float32, size=2).split(tf.zeros([]), [5, 5]).flow]]


def _tables_v1(tf, R):
    t = R.HashTable(key_dtype=tf.string, value_dtype=tf.int64, name="words")
    init = R.InitializeTable(table_handle=t, keys=[b"a", b"b", b"c"],
                             values=tf.constant([1, 2, 3], tf.int64))
    find = R.LookupTableFind(table_handle=t, keys=tf.constant([[b"a", b"b"], [b"z", b"c"]]),
                             default_value=tf.constant(-1, tf.int64))
    m = R.MutableHashTable(key_dtype=tf.int64, value_dtype=tf.float32)
    ins = R.LookupTableInsert(table_handle=m, keys=tf.constant([3, 1], tf.int64),
                              values=[0.5, 1.5])
    mfind = R.LookupTableFind(table_handle=m, keys=tf.constant([1, 2, 3], tf.int64),
                              default_value=-1.)
    size = R.LookupTableSize(table_handle=m)
    imp = R.LookupTableImport(table_handle=m, keys=tf.constant([9], tf.int64), values=[2.25])
    ex = R.LookupTableExport(table_handle=m, Tkeys=tf.int64, Tvalues=tf.float32)
    wrong = R.LookupTableFind(table_handle=m, keys=tf.constant([1, 2]), default_value=-1.)
    mt = R.MutableHashTableOfTensors(key_dtype=tf.int64, value_dtype=tf.float32,
                                     value_shape=[2])
    mt_imp = R.LookupTableImport(table_handle=mt, keys=tf.constant([7], tf.int64),
                                 values=[[1., 2.]])
    mt_find = R.LookupTableFind(table_handle=mt, keys=tf.constant([7, 8], tf.int64),
                                default_value=[0., -1.])
    path = tf.placeholder(tf.string, [], name="path")
    lines = R.HashTable(key_dtype=tf.string, value_dtype=tf.int64, name="lines")
    text = R.InitializeTableFromTextFile(table_handle=lines, filename=path, key_index=-2,
                                         value_index=-1, vocab_size=3)
    first = R.LookupTableFind(table_handle=lines, keys=tf.constant([
        b'"""GraphDefs TF 1.14 writes with its older TensorArray ops '
        b'(tests/test_prawops4_graphdefs.py):', b"nothing"]), default_value=tf.constant(
            -7, tf.int64))
    # (v1 MutableDenseHashTable: TF 1.14's kernel reads a deleted_key input it lacks)
    dense = R.MutableDenseHashTable(empty_key=tf.constant(-1, tf.int64), value_dtype=tf.float32)
    dense_ins = R.LookupTableInsert(table_handle=dense, keys=tf.constant([3], tf.int64),
                                    values=[0.5])
    return [[find], [init], [find], [init], [ins], [mfind, size], [imp], [ex.keys, ex.values],
            [wrong], [mt_imp], [mt_find], [text], [first, R.LookupTableSize(table_handle=lines)],
            [dense_ins], [dense]]


def _sdbb_v1(tf, R):
    """SampleDistortedBoundingBox (v1: min_object_covered an attr), seeded: TF's Philox
    stream across runs; its errors."""
    boxes = tf.constant([[[0.1, 0.2, 0.6, 0.7], [0.3, 0.3, 0.9, 0.8]]])
    a = R.SampleDistortedBoundingBox(image_size=tf.constant([40, 60, 3]), bounding_boxes=boxes,
                                     seed=3, seed2=7, min_object_covered=0.3)
    b = R.SampleDistortedBoundingBox(image_size=tf.constant([100, 80, 3], tf.int64),
                                     bounding_boxes=tf.zeros([1, 0, 4]), seed=11, seed2=2,
                                     aspect_ratio_range=[0.5, 2.0], area_range=[0.2, 0.9],
                                     use_image_if_no_bounding_boxes=True)
    bad = R.SampleDistortedBoundingBox(image_size=tf.constant([40, 60, 3]), bounding_boxes=boxes,
                                       seed=1, seed2=1, min_object_covered=-0.5)
    nobox = R.SampleDistortedBoundingBox(image_size=tf.constant([40, 60, 3]),
                                         bounding_boxes=tf.zeros([1, 0, 4]), seed=1, seed2=1)
    return [list(a), list(a), list(a), list(b), list(b), [bad.begin], [nobox.begin]]


def _stacks_v1(tf, R):
    """The reference-typed Stack ops (TF 1.x while-loop gradients of old GraphDefs): a
    stack per run, pushes return their value, StackClose/StackCloseV2."""
    s = R.Stack(elem_type=tf.float32, stack_name="st")
    p1 = R.StackPush(handle=s, elem=tf.constant([1., 2.]))
    with tf.control_dependencies([p1]):
        p2 = R.StackPush(handle=s, elem=tf.constant([3., 4., 5.]), swap_memory=True)
    with tf.control_dependencies([p2]):
        pop = R.StackPop(handle=s, elem_type=tf.float32)
    with tf.control_dependencies([pop]):
        pop2 = R.StackPop(handle=s, elem_type=tf.float32)
    with tf.control_dependencies([pop2]):
        pop3 = R.StackPop(handle=s, elem_type=tf.float32)
    close = R.StackClose(handle=s)
    s2 = R.StackV2(max_size=-1, elem_type=tf.int32, stack_name="v2")
    q1 = R.StackPushV2(handle=s2, elem=7)
    close2 = R.StackCloseV2(handle=s2)
    return [[s, p2], [pop, pop2], [pop3], [R.StackPop(handle=s, elem_type=tf.float32)],
            [close], [q1, close2]]


def _saver_v1(tf, R):
    """The V1 saver ops (Save, Restore, RestoreSlice) on one V1 file, fed as "ckpt"."""
    ckpt = tf.placeholder(tf.string, [], name="ckpt")
    a = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3) / 3)
    b = tf.constant([1, 2, 3], tf.int64)
    c = tf.constant([b"x", b"yz"])
    save = R.Save(filename=ckpt, tensor_names=["a", "b", "c"], data=[a, b, c])
    got = [R.Restore(file_pattern=ckpt, tensor_name="a", dt=tf.float32),
           R.Restore(file_pattern=ckpt, tensor_name="b", dt=tf.int64, preferred_shard=0),
           R.Restore(file_pattern=ckpt, tensor_name="c", dt=tf.string),
           R.RestoreSlice(file_pattern=ckpt, tensor_name="a", shape_and_slice="2 3 1,1:0,2",
                          dt=tf.float32),
           R.Restore(file_pattern=tf.strings.join([ckpt, "*"]), tensor_name="b",
                     dt=tf.int64)]
    bad_dt = R.Restore(file_pattern=ckpt, tensor_name="a", dt=tf.float64)
    bad_key = R.Restore(file_pattern=ckpt, tensor_name="zz", dt=tf.float32)
    bad_slice = R.RestoreSlice(file_pattern=ckpt, tensor_name="a", shape_and_slice="3 3 -:-",
                               dt=tf.float32)
    none = R.Restore(file_pattern=tf.strings.join([ckpt, "_none"]), tensor_name="a",
                     dt=tf.float32)
    return [[none], [save], got, [bad_dt], [bad_key], [bad_slice]]


def _variable_v1(tf, R):
    """Variable (VariableV2's first form, in every GraphDef before TF 1.0): read before and
    after its Assign, updated by AssignAdd, ApplyGradientDescent, ScatterAdd, CountUpTo,
    shared by name."""
    v = R.Variable(shape=[2, 3], dtype=tf.float32, name="w")
    s = R.Variable(shape=[], dtype=tf.int32, name="step", shared_name="shared_step")
    s2 = R.Variable(shape=[], dtype=tf.int32, name="step2", shared_name="shared_step")
    init = tf.assign(v, tf.ones([2, 3]))
    add = tf.assign_add(v, tf.fill([2, 3], 0.25))
    sgd = R.ApplyGradientDescent(var=v, alpha=0.5, delta=tf.constant(
        np.arange(6, dtype=np.float32).reshape(2, 3)))
    sc = tf.scatter_add(v, [1], [[10., 20., 30.]])
    cnt = tf.count_up_to(s, 5)
    isi = tf.is_variable_initialized(v)
    read = tf.identity(v)
    return [[read], [isi], [init], [isi, read], [add], [sgd], [sc], [tf.assign(s, 3)], [cnt],
            [cnt], [cnt], [s, s2], [read * 2.0]]


def _quantize_v1(tf, R):
    """QuantizeAndDequantize (v1, removed at 22: the range in attrs), float32 and float64:
    half-to-even levels, the identity gradient, the kernel's errors."""
    steps = []
    for dt in (np.float32, np.float64):
        x = tf.constant(np.array([0.5, -1.5, -0.5, 1.5, 0.25, -2.5, 0.3, 1.05], dt))
        ys = [R.QuantizeAndDequantize(input=x, num_bits=2, range_given=True, input_min=-1.0,
                                      input_max=1.0),
              R.QuantizeAndDequantize(input=x * 3.7),
              R.QuantizeAndDequantize(input=x, signed_input=False, num_bits=5),
              R.QuantizeAndDequantize(input=x, num_bits=4, range_given=True, input_min=-0.3,
                                      input_max=0.9)]
        w = tf.constant(np.arange(1, 9, dtype=dt))
        grads = tf.gradients([tf.reduce_sum(y * w) for y in ys], x)
        steps += [ys + grads,
                  [R.QuantizeAndDequantize(input=x, num_bits=0)],
                  [R.QuantizeAndDequantize(input=x, range_given=True, input_min=1.0,
                                           input_max=0.5)]]
    return steps


def _random_crop_v1(tf, R):
    """RandomCrop (removed at 8), seeded: TF's offsets across runs (none drawn for a crop of
    the whole image), its errors."""
    img = tf.constant(np.arange(5 * 7 * 2).reshape(5, 7, 2).astype(np.float32))
    a = R.RandomCrop(image=img, size=tf.constant([3, 4], tf.int64), seed=5, seed2=9)
    whole = R.RandomCrop(image=tf.cast(img, tf.int32), size=tf.constant([5, 7], tf.int64),
                         seed=1, seed2=2)
    p = tf.placeholder_with_default(tf.constant([2, 7], tf.int64), [2])
    b = R.RandomCrop(image=tf.cast(img, tf.uint8), size=p, seed=1, seed2=2)
    big = R.RandomCrop(image=img, size=tf.constant([3, 8], tf.int64), seed=1, seed2=2)
    return [[a], [a], [a], [whole], [b], [b], [whole, b], [big]]


def _grad_errors(tf, outs, x):
    got = []
    for o in outs:
        try:
            tf.gradients(o, [x])
            got.append([o.op.type, None])
        except (TypeError, LookupError, ValueError) as e:
            got.append([o.op.type, type(e).__name__, str(e)])
    return got


def _errors(tf):
    got = []
    with tf.Graph().as_default():
        _lower(tf, 15)
        R = tf.raw_ops
        x = tf.constant([[1., 2.], [3., 4.]])
        for v in ("V2", ""):
            h = getattr(R, "TensorArray" + v)(size=2, dtype=tf.float32)
            f = getattr(R, "TensorArrayScatter" + v)(handle=h, indices=[0, 1], value=x,
                                                     flow_in=0.)
            outs = [f, getattr(R, "TensorArrayRead" + v)(handle=h, index=0, flow_in=f,
                                                         dtype=tf.float32),
                    getattr(R, "TensorArrayGather" + v)(handle=h, indices=[1], flow_in=f,
                                                        dtype=tf.float32),
                    getattr(R, "TensorArrayConcat" + v)(handle=h, flow_in=f,
                                                        dtype=tf.float32)[0]]
            if not v:
                outs.append(R.TensorArrayPack(handle=h, flow_in=f, dtype=tf.float32))
            got += _grad_errors(tf, outs, x)
        _lower(tf, 2)
        got += _grad_errors(tf, [R.TileGrad(input=x, multiples=[1, 1])], x)
    with tf.Graph().as_default():
        for op, kw in (("TensorArrayV2", {"size": 2, "dtype": tf.float32}),
                       ("TensorArray", {"size": 2, "dtype": tf.float32}),
                       ("TileGrad", {"input": [1.0, 2.0], "multiples": [2]})):
            try:
                getattr(tf.raw_ops, op)(**kw)
                got.append([op, None])
            except NotImplementedError as e:
                got.append([op, type(e).__name__, str(e)])
    return got


def cases(tf):
    return {"v2": _case(tf, _v2, 25), "v1": _case(tf, _v1, 15),
            "v3_split": _case(tf, _v3_split, 38), "tables_v1": _case(tf, _tables_v1, 38),
            "sdbb_v1": _case(tf, _sdbb_v1, 38), "stacks_v1": _case(tf, _stacks_v1, 38),
            "saver_v1": _case(tf, _saver_v1, 38), "variable_v1": _case(tf, _variable_v1, 38),
            "quantize_v1": _case(tf, _quantize_v1, 21),
            "random_crop_v1": _case(tf, _random_crop_v1, 7),
            "tile_grad_float64": _case(tf, _tile_grad(np.float64), 2),
            "tile_grad_int32": _case(tf, _tile_grad(np.int32), 2),
            "errors": _errors(tf)}
