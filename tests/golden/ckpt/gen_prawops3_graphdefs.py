"""GraphDefs TF 1.14 writes with the reference-typed (v1) queue and reader ops and more older
op types (tests/test_prawops3_graphdefs.py): FIFOQueue, PaddingFIFOQueue, RandomShuffleQueue,
PriorityQueue and the Queue* ops on their string_ref handles; TextLineReader,
FixedLengthRecordReader, IdentityReader, TFRecordReader (removed at GraphDef version 26:
from a producer-25 GraphDef) and WholeFileReader with the ReaderRead* ops; UniqueV2,
UniqueWithCountsV2, RefSelect and DebugGradientRefIdentity writing variables, AdjustContrast
(removed at 2), BatchCholeskyGrad (13) and MatrixExponential (27) from old GraphDefs.

A case runs its steps in order in one session: {"graph": the serialized GraphDef, "steps":
[[tensor or op names fetched by one run], ...], "values": TF's values per step}. The file
readers read this generator's own source, whose path is fed to the placeholder "path" (the
test feeds the path it has: the keys, which name the path, are not fetched)."""
import os

import numpy as np

_SELF = os.path.abspath(__file__).replace(".pyc", ".py")


def _old_node(tf, op_type, inputs, attrs, producer, outputs=1, type_attr="T"):
    """One node of an op TF removed, imported from a GraphDef of `producer` (inputs mapped
    to the tensors given; attrs: ints, floats, bytes, bools or dtypes)."""
    gd = tf.GraphDef()
    gd.versions.producer = producer
    names = []
    for k, t in enumerate(inputs):
        n = gd.node.add()
        n.name, n.op = "in%d" % k, "Placeholder"
        n.attr["dtype"].type = t.dtype.as_datatype_enum
        names.append(n.name)
    n = gd.node.add()
    n.name, n.op = "op", op_type
    n.input.extend(names)
    if inputs and type_attr:
        n.attr[type_attr].type = inputs[0].dtype.as_datatype_enum
    for key, value in attrs.items():
        if isinstance(value, bool):
            n.attr[key].b = value
        elif isinstance(value, int):
            n.attr[key].i = value
        elif isinstance(value, float):
            n.attr[key].f = value
        else:
            n.attr[key].s = value
    got = tf.import_graph_def(gd, input_map=dict(zip(names, inputs)),
                              return_elements=["op:%d" % k for k in range(outputs)],
                              name=op_type)
    return got[0] if outputs == 1 else got


def _case(tf, build):
    with tf.Graph().as_default() as g:
        rng = np.random.RandomState(13)
        steps = build(tf, rng)
        path = g.get_tensor_by_name("path:0") if any(
            op.name == "path" for op in g.get_operations()) else None
        init = tf.global_variables_initializer()   # (named "init")
        values = []
        with tf.Session() as sess:
            sess.run(init)
            for fetch in steps:
                try:
                    got = sess.run(fetch, {path: _SELF} if path is not None else None)
                except tf.errors.OpError as e:   # (TF's class and first line)
                    values.append([type(e).__name__, str(e).split("\n")[0]])
                    continue
                values.append([v for v, t in zip(got, fetch) if not isinstance(t, tf.Operation)])
        return {"graph": g.as_graph_def().SerializeToString(),
                "steps": [[t.name for t in fetch] for fetch in steps], "values": values}


def _fifo(tf, rng):
    R = tf.raw_ops
    q = R.FIFOQueue(component_types=[tf.float32, tf.int32], shapes=[[2], []], capacity=5)
    x = tf.constant(rng.uniform(-1, 1, size=(3, 2)).astype(np.float32))
    types = [tf.float32, tf.int32]
    enq = R.QueueEnqueue(handle=q, components=[x[0], tf.constant(7)])
    enq_many = R.QueueEnqueueMany(handle=q, components=[x, tf.constant([1, 2, 3])])
    size = R.QueueSize(handle=q)
    deq = R.QueueDequeue(handle=q, component_types=types)
    deq_many = R.QueueDequeueMany(handle=q, n=2, component_types=types)
    close = R.QueueClose(handle=q)
    closed = R.QueueIsClosed(handle=q)
    up_to = R.QueueDequeueUpTo(handle=q, n=5, component_types=types)
    # (one op per run where the order matters: a run's independent ops have none)
    return [[enq], [enq_many], [size], list(deq), [size], list(deq_many), [close], [closed],
            list(up_to), [size]]


def _other_queues(tf, rng):
    R = tf.raw_ops
    pad = R.PaddingFIFOQueue(component_types=[tf.int32], shapes=[[None]])
    shuffle = R.RandomShuffleQueue(component_types=[tf.float64], shapes=[[]], capacity=10,
                                   min_after_dequeue=0, seed=3, seed2=4)
    prio = R.PriorityQueue(component_types=[tf.string], shapes=[[]])
    return [
        [R.QueueEnqueue(handle=pad, components=[tf.constant([1, 2, 3])])],
        [R.QueueEnqueue(handle=pad, components=[tf.constant([4])])],
        R.QueueDequeueMany(handle=pad, n=2, component_types=[tf.int32]),
        [R.QueueEnqueueMany(handle=shuffle, components=[tf.constant(rng.uniform(size=8))])],
        R.QueueDequeueMany(handle=shuffle, n=8, component_types=[tf.float64]),
        [R.QueueEnqueueMany(handle=prio, components=[tf.constant([3, 1, 2], tf.int64),
                                                     tf.constant([b"c", b"a", b"b"])])],
        list(R.QueueDequeueMany(handle=prio, n=3, component_types=[tf.int64, tf.string])),
    ]


def _readers(tf, rng):
    R = tf.raw_ops
    path = tf.placeholder(tf.string, [], name="path")
    files = R.FIFOQueue(component_types=[tf.string], name="files")
    names = R.FIFOQueue(component_types=[tf.string], name="names")
    text = _old_node(tf, "TextLineReader", [], {"skip_header_lines": 2}, 25)
    # (TF 1.14's v1 kernel reads an attr the v1 op does not have: it never runs)
    fixed = _old_node(tf, "FixedLengthRecordReader", [], {"record_bytes": 24,
                                                          "header_bytes": 5}, 25)
    ident = _old_node(tf, "IdentityReader", [], {}, 25)
    records = _old_node(tf, "TFRecordReader", [], {}, 25)
    whole = R.WholeFileReader()
    enq = R.QueueEnqueueMany(handle=files, components=[tf.stack([path] * 4)])
    enq_names = R.QueueEnqueueMany(handle=names, components=[tf.constant([b"u1", b"u2"])])
    line = R.ReaderRead(reader_handle=text, queue_handle=files)
    lines = R.ReaderReadUpTo(reader_handle=text, queue_handle=files, num_records=3)
    rec = R.ReaderRead(reader_handle=fixed, queue_handle=files)
    fixed_count = R.ReaderNumRecordsProduced(reader_handle=fixed)
    ids = R.ReaderReadUpTo(reader_handle=ident, queue_handle=names, num_records=2)
    body = R.ReaderRead(reader_handle=whole, queue_handle=files)
    return [
        [enq, enq_names],
        [line.value], [lines.values], [rec.value], [ids.keys, ids.values],
        [body.value],
        [R.ReaderNumRecordsProduced(reader_handle=text),
         R.ReaderNumWorkUnitsCompleted(reader_handle=text),
         R.ReaderNumRecordsProduced(reader_handle=ident),
         R.ReaderNumRecordsProduced(reader_handle=records),
         R.ReaderNumWorkUnitsCompleted(reader_handle=whole)],
        [R.ReaderReset(reader_handle=text)],
        [R.ReaderNumRecordsProduced(reader_handle=text)], [fixed_count],
    ]


def _unique_refs(tf, rng):
    R = tf.raw_ops
    x = tf.constant([[1., 2., 1.], [3., 4., 3.], [1., 2., 1.], [5., 5., 5.]])
    a = tf.Variable(rng.uniform(size=(2, 3)).astype(np.float32), name="a")
    b = tf.Variable(rng.uniform(size=(2, 3)).astype(np.float32), name="b")
    pick = R.RefSelect(index=tf.constant(1), inputs=[a._ref(), b._ref()])
    dbg = R.DebugGradientRefIdentity(input=a._ref())
    ones = tf.ones([2, 3])
    return [
        list(R.UniqueV2(x=x, axis=tf.constant([0], tf.int64))) +
        list(R.UniqueV2(x=x, axis=tf.constant([-1]), out_idx=tf.int64)) +
        list(R.UniqueWithCountsV2(x=x, axis=tf.constant([1], tf.int64))) +
        list(R.UniqueWithCountsV2(x=tf.constant([3, 1, 3, 2, 1]),
                                  axis=tf.zeros([0], tf.int64))) +
        [R.DebugGradientIdentity(input=x)],
        [tf.assign_add(pick, ones)], [tf.assign_sub(dbg, 2 * ones)], [a, b],
    ]


def _old_math(tf, rng):
    ims = [tf.constant(rng.uniform(-1, 3, size=(2, 5, 7, 3))),
           tf.constant(rng.randint(0, 255, size=(1, 4, 6, 2)).astype(np.uint8))]
    contrast = [_old_node(tf, "AdjustContrast",
                          [im, tf.constant(1.6), tf.constant(-0.5), tf.constant(2.5)], {}, 1)
                for im in ims]
    a = rng.uniform(-1, 1, size=(2, 4, 4))
    low = tf.constant(np.linalg.cholesky(np.matmul(a, a.transpose(0, 2, 1)) + 4 * np.eye(4)))
    g = tf.constant(rng.uniform(-1, 1, size=(2, 4, 4)))
    expm = [_old_node(tf, "MatrixExponential", [tf.constant(m)], {}, 26) for m in (
        rng.uniform(-1, 1, size=(3, 3)).astype(np.float32),
        rng.uniform(-2, 2, size=(2, 4, 4)))]
    b = rng.uniform(-1, 1, size=(12, 12))
    low12 = tf.constant(np.linalg.cholesky(np.matmul(b, b.T) + 12 * np.eye(12)))
    g12 = tf.constant(rng.uniform(-1, 1, size=(12, 12)))
    return [contrast + [_old_node(tf, "BatchCholeskyGrad", [low, g], {}, 12),
                        tf.raw_ops.CholeskyGrad(l=low12, grad=g12)] + expm]


def cases(tf):
    return {name: _case(tf, build) for name, build in (
        ("fifo_v1", _fifo), ("queues_v1", _other_queues), ("readers_v1", _readers),
        ("unique_refs", _unique_refs), ("old_math", _old_math))}
