"""GraphDefs TF 1.14 writes with tf.raw_ops (tests/test_pminor2_graphdefs.py), each case run
step by step in one session as gen_prawops4_graphdefs.py's (same format: {"graph",
"producer", "steps", "values", "shapes"}):
"ta_v3_element_shape": TensorArrayV3's element_shape attr checked by its Write/Scatter/Split
kernels (identical_element_shapes off: a partial shape, TF's message with `?`);
"ta_grad_with_shape": TensorArrayGradWithShape (the forward's element shape with
shape_to_prepend's dims before it: writes checked against it, unwritten reads as its zeros,
static shapes from TF's shape function, a non-vector shape_to_prepend refused at run time);
"stack_max_size": StackPushV2 past StackV2's max_size: TF's error when the run holds a pop
of the stack, none when it holds only pushes (Grappler's loop optimizer turns a stack's
pushes into Identities when nothing pops it); "stack_configs": the same without Grappler's
loop optimizer (loop_optimization=OFF, disable_meta_optimizer): TF's error;
"temporary_variables": TemporaryVariable (a variable of one run, TF's step resource) with
Assign/AssignAdd and DestroyTemporaryVariable (its value; a name not there, twice, two
of one name in a run, an unknown shape, one never destroyed run again; errors carry TF's
step number as `__per_step_N`), "temporary_variable_errors": what building them raises;
"barrier", "barrier_attrs": the Barrier ops (names' resource ids as `_N_`);
"random_poisson_v1": RandomPoisson (removed at 25) from a producer-24 graph, seeded, and
"random_poisson_refused": its error at version 38; "random_poisson_v2_empty": V2's empty
samples of no rates; "audio_summary_v1": AudioSummary (removed at 15) from a producer-14
graph; "tensor_summary_v1": TensorSummary; "resource_slice_assign": sliced assignment
to a resource variable (ResourceStridedSliceAssign).
Made on the host it names under "host" (nothing here depends on the CPU)."""
import re

import numpy as np

import gen_prawops4_graphdefs as _p4
from goldenio import host_vendor


def _default(a):
    tf = _TF[0]
    return tf.placeholder_with_default(np.arange(np.prod(a), dtype=np.float32).reshape(a), None)


_TF = []


def _ta_v3_element_shape(tf, R):
    """Writes, scatters and splits of values the element_shape attr refuses (or takes)."""
    def new(shape):
        return R.TensorArrayV3(size=2, dtype=tf.float32, element_shape=shape)

    def write(shape, a):
        h, f = new(shape)
        return [R.TensorArrayWriteV3(handle=h, index=1, value=_default(a), flow_in=f)]

    def scatter(shape, a):
        h, f = new(shape)
        return [R.TensorArrayScatterV3(handle=h, indices=[1, 0], value=_default(a), flow_in=f)]

    def split(shape, a):
        h, f = new(shape)
        return [R.TensorArraySplitV3(handle=h, value=_default(a), lengths=[1, 3], flow_in=f)]
    return [write([2], (3,)), write([None, 2], (3,)), write([None, 2], (3, 2)),
            write([], (3,)), write([2], (2,)), scatter([2], (2, 3)),
            scatter([None, 2], (2, 3)), scatter([3], (2, 3)), split([2], (4,)),
            split([None], (4,)), split([1, 2], (4, 3)), split([None, 3], (4, 3))]


def _ta_grad_with_shape(tf, R):
    def forward(shape, value=None):
        h, f = R.TensorArrayV3(size=2, dtype=tf.float32, element_shape=shape)
        if value is not None:
            f = R.TensorArrayWriteV3(handle=h, index=0, value=value, flow_in=f)
        return h, f

    def grad(h, f, prepend):
        return R.TensorArrayGradWithShape(handle=h, flow_in=f, shape_to_prepend=prepend,
                                          source="g")
    ones = np.ones((3, 2), np.float32)
    h, f = forward([2], [1., 2.])
    gh, gf = grad(h, f, [3])
    w1 = R.TensorArrayWriteV3(handle=gh, index=1, value=ones, flow_in=gf)
    w2 = R.TensorArrayWriteV3(handle=gh, index=1, value=ones, flow_in=w1)   # summed
    r = R.TensorArrayReadV3(handle=gh, index=1, flow_in=w2, dtype=tf.float32)
    r0 = R.TensorArrayReadV3(handle=gh, index=0, flow_in=gf, dtype=tf.float32)   # zeros
    size = R.TensorArraySizeV3(handle=gh, flow_in=w2)
    bad = R.TensorArrayWriteV3(handle=gh, index=1, value=_default((2, 2)), flow_in=gf)
    # the forward's element shape unknown: the gradient's too (any value, no zeros)
    h2, f2 = forward(None, [1., 2.])
    gh2, gf2 = grad(h2, f2, [3, 1])
    any_w = R.TensorArrayWriteV3(handle=gh2, index=1, value=np.ones(5, np.float32),
                                 flow_in=gf2)
    unread = R.TensorArrayReadV3(handle=gh2, index=0, flow_in=any_w, dtype=tf.float32)
    h3, f3 = forward([2])
    matrix = grad(h3, f3, [[3]])[1]
    h4, f4 = forward([None, 2])
    gh4, gf4 = grad(h4, f4, [2, 1])
    r4 = R.TensorArrayReadV3(handle=gh4, index=1, flow_in=gf4, dtype=tf.float32)
    return [[gf, r, r0, size], [bad], [any_w], [unread], [matrix], [r4]]


def _stack_max_size(tf, R):
    steps = []
    for max_size in (0, 2):
        s = R.StackV2(max_size=max_size, elem_type=tf.float32, stack_name="st")
        pushes, dep = [], []
        for i in range(3):
            with tf.control_dependencies(dep):
                dep = [R.StackPushV2(handle=s, elem=float(i))]
            pushes.append(dep[0])
        with tf.control_dependencies(dep):
            pop = R.StackPopV2(handle=s, elem_type=tf.float32)
        steps += [[pushes[-1]], [pushes[1], pop], [pushes[-1], pop]]
    s = R.StackV2(max_size=1, elem_type=tf.int32, stack_name="held")
    with tf.control_dependencies([R.StackPushV2(handle=s, elem=1)]):
        push = R.StackPushV2(handle=s, elem=2)
    return steps + [[push, s], [push]]


def _temporary_variables(tf, R):
    def new(shape, name="x", dtype=None):
        return R.TemporaryVariable(shape=shape, dtype=dtype or tf.float32, var_name=name)

    def destroy(ref, name="x"):
        return R.DestroyTemporaryVariable(ref=ref, var_name=name)
    v = new([1, 2], "foo")
    summed = tf.assign_add(tf.assign(v, [[4., 5.]]), [[6., 7.]])
    done = destroy(summed, "foo")
    wrong = destroy(tf.assign(new([1, 2], "foo"), [[4., 5.]]), "bar")
    unnamed = new([2], "")
    by_op_name = destroy(tf.assign(unnamed, [4., 5.]), unnamed.op.name)
    shape = tf.shape(destroy(new([2], "y"), "y"))
    once = destroy(tf.assign(new([2], "z", tf.int32), [4, 5]), "z")
    with tf.control_dependencies([once]):
        twice = destroy(once.op.inputs[0], "z")
    a, b = new([2], "w"), new([2], "w")
    same = [destroy(tf.assign(a, [4., 5.]), "w"), tf.assign(b, [1., 1.])]
    grown = destroy(tf.assign(new([2], "g"), [4., 5., 6.], validate_shape=False), "g")
    unknown = new([None], "u")
    kept = tf.assign(new([2], "k"), [1., 2.])   # never destroyed: its run's end forgets it
    return [[done], [wrong], [by_op_name], [shape], [twice], same, [grown], [unknown],
            [kept], [kept], [done]]


def _barrier(tf, R):
    types = [tf.float32, tf.int32]
    b = R.Barrier(component_types=types, shapes=[[2], []], name="b")

    def insert(keys, values, index):
        return R.BarrierInsertMany(handle=b, keys=keys, values=values, component_index=index)

    def take(n, small=False, handle=b, kinds=types):
        indices, keys, values = R.BarrierTakeMany(
            handle=handle, num_elements=n, component_types=kinds, allow_small_batch=small)
        return [indices, keys] + list(values)

    def sizes():
        return [R.BarrierReadySize(handle=b), R.BarrierIncompleteSize(handle=b)]
    floats = tf.constant([[1., 2.], [3., 4.], [5., 6.], [7., 8.]])
    first = insert(["a", "b", "c", "e"], floats, 0)
    second = insert(["b", "a"], [10, 20], 1)
    third = insert(["e"], [30], 1)
    return [[first], sizes(), [second], sizes(), take(1), [third], sizes(), take(2),
            [insert(["c"], [[7., 8.]], 0)],                            # a second value
            [insert(["x"], [[7., 8., 9.]], 0)], sizes(),              # complete: its shape
            [insert(["x"], [5], 1)], sizes(),
            [R.BarrierInsertMany(handle=b, keys=["y"], values=[1.], component_index=1)],
            [R.BarrierInsertMany(handle=b, keys=["y"], values=[1], component_index=2)],
            [insert(tf.constant([], tf.string), tf.zeros([0, 2]), 0)], sizes(),
            [insert(["z"], tf.zeros([1, 0]), 0)],
            [R.BarrierClose(handle=b)], sizes(),
            [insert(["d"], [[1., 1.]], 0)],                            # a new key: closed
            take(3),                                                    # closed, too few
            [insert(["c"], [40], 1)], sizes(),                         # completes c
            take(3, small=True), sizes(), take(1, small=True),
            [R.BarrierClose(handle=b)], [R.BarrierClose(handle=b, cancel_pending_enqueues=True)],
            [R.BarrierClose(handle=b, cancel_pending_enqueues=True)],
            take(1, kinds=[tf.float32])]


def _random_poisson_v1(tf, R):
    """RandomPoisson (removed at 25), seeded: V2's samples, in each rate dtype."""
    steps = []
    for dtype in (np.float32, np.float16, np.float64):
        rate = tf.constant(np.array([1., 30.], dtype))
        r = R.RandomPoisson(shape=[2, 3], rate=rate, seed=1, seed2=2)
        steps += [[r], [r]]
    fed = tf.placeholder_with_default(tf.constant([3, 1]), [2])
    r = R.RandomPoisson(shape=fed, rate=tf.constant([[0.5], [12.]]), seed=4, seed2=0)
    empty = R.RandomPoisson(shape=[2], rate=tf.zeros([0]), seed=4, seed2=1)
    return steps + [[r], [empty]]


def _random_poisson_v2_empty(tf, R):
    """RandomPoissonV2 of no rates (or no samples): empty samples, no error."""
    def poisson(shape, rate):
        return R.RandomPoissonV2(shape=shape, rate=rate, seed=4, seed2=1, dtype=tf.float32)
    return [[poisson([2], tf.zeros([0]))], [poisson([2], tf.zeros([0, 3]))],
            [poisson(tf.zeros([0], tf.int32), tf.zeros([0]))]]


def _audio_summary_v1(tf, R):
    """AudioSummary (removed at 15): V2's summary, the rate an attr; its errors."""
    x = tf.constant(np.array([[0.1, -0.5, 0.25, 1.0], [0., 0.2, -0.2, 0.3]], np.float32))
    clips = R.AudioSummary(tag="snd", tensor=x, sample_rate=8000., max_outputs=2)
    one = R.AudioSummary(tag="one", tensor=tf.reshape(x, [2, 2, 2]), sample_rate=22050.5,
                         max_outputs=1)
    flat = R.AudioSummary(tag="flat", tensor=x[0], sample_rate=8000.)
    slow = R.AudioSummary(tag="slow", tensor=x, sample_rate=-1.)
    return [[clips], [one], [flat], [slow]]


def _tensor_summary_v1(tf, R):
    """TensorSummary: the tensor under the op's name (the other attrs not written)."""
    x = tf.constant(np.array([[1.5, -2.], [0., 3.]], np.float32))
    return [[R.TensorSummary(tensor=x)],
            [R.TensorSummary(tensor=x, description="d", labels=["a", "b"],
                             display_name="show", name="ts")],
            [R.TensorSummary(tensor=tf.constant([b"ab", b"c"]))],
            [R.TensorSummary(tensor=tf.constant(7))]]


def _resource_slice_assign(tf, R):
    """`resource_variable[...].assign(value)` (ResourceStridedSliceAssign, the variable
    read after it): values, a shape that does not fit, a variable never initialized."""
    v = tf.Variable(np.arange(12, dtype=np.float32).reshape(3, 4), use_resource=True,
                    name="v")
    a = v[1:, ::2].assign([[10., 11.], [12., 13.]])
    row = v[0].assign(tf.constant([5., 6., 7., 8.]), name="row")
    wide = v[0:2, 0].assign(tf.placeholder_with_default([1., 2., 3.], None))
    u = tf.Variable([1., 2.], use_resource=True, name="u")
    return [[v.initializer], [a.op], [v.read_value()], [row.op], [v.read_value()],
            [wide.op], [u[0].assign(3.).op]]


def random_poisson_refused(tf):
    """TF's error building RandomPoisson in a graph of this version."""
    with tf.Graph().as_default():
        try:
            tf.raw_ops.RandomPoisson(shape=[2], rate=[1.], seed=1, seed2=2)
            return None
        except NotImplementedError as e:
            return [type(e).__name__, str(e)]


def _barrier_attrs(tf, R):
    """The kernel's checks of its attrs: a capacity, a shape missing, a timeout."""
    capped = R.Barrier(component_types=[tf.float32], shapes=[[]], capacity=4)
    unshaped = R.Barrier(component_types=[tf.float32, tf.int32], shapes=[[]])
    free = R.Barrier(component_types=[tf.float32], shapes=[[]])
    timed = R.BarrierTakeMany(handle=free, num_elements=1, component_types=[tf.float32],
                              timeout_ms=10)
    closed = R.BarrierClose(handle=free, cancel_pending_enqueues=True)
    return [[R.BarrierReadySize(handle=capped)], [R.BarrierReadySize(handle=unshaped)],
            [timed.indices], [closed], [R.BarrierIncompleteSize(handle=free)]]


def temporary_variable_errors(tf):
    """What TF raises building DestroyTemporaryVariable of a tensor, an Assign of another
    shape and the gradient of a destroyed variable: [class, message]."""
    R = tf.raw_ops
    got = []
    with tf.Graph().as_default():
        x = tf.constant([1., 2.])
        v = R.TemporaryVariable(shape=[2], dtype=tf.float32, var_name="x")
        for build in (lambda: R.DestroyTemporaryVariable(ref=x, var_name="x"),
                      lambda: tf.assign(v, [4., 5., 6.]),
                      lambda: tf.gradients(R.DestroyTemporaryVariable(
                          ref=tf.assign(v, x), var_name="x"), x)):
            try:
                build()
                got.append(None)
            except (TypeError, ValueError, LookupError) as e:
                got.append([type(e).__name__, str(e).split("\n")[0]])
    return got


def steps(values):
    """Values with TF's step numbers (`__per_step_3`) written as `__per_step_N` and its
    resources' unique ids (`_5_b`, a barrier's name) as `_N_`."""
    return [[_ID.sub("_N_", _STEP.sub("__per_step_N", v)) if isinstance(v, str) else v
             for v in step] for step in values]


_STEP = re.compile(r"__per_step_\d+")
_ID = re.compile(r"(?<![\w])_\d+_")


def _rewriter_config(tf):
    if hasattr(tf, "RewriterConfig"):   # flowgrad's
        return tf.RewriterConfig
    from tensorflow.core.protobuf.rewriter_config_pb2 import RewriterConfig
    return RewriterConfig


def stack_configs(tf):
    """Two pushes past max_size 1, nothing popping, under Grappler's defaults,
    loop_optimization=OFF and disable_meta_optimizer: [value] or [class, first line]."""
    RC = _rewriter_config(tf)
    got = []
    for rw in (None, RC(loop_optimization=RC.OFF), RC(disable_meta_optimizer=True)):
        with tf.Graph().as_default():
            R = tf.raw_ops
            s = R.StackV2(max_size=1, elem_type=tf.float32, stack_name="st")
            with tf.control_dependencies([R.StackPushV2(handle=s, elem=1.)]):
                push = R.StackPushV2(handle=s, elem=2.)
            cfg = None if rw is None else tf.ConfigProto(
                graph_options=tf.GraphOptions(rewrite_options=rw))
            with tf.Session(config=cfg) as sess:
                try:
                    got.append([float(sess.run(push))])
                except tf.errors.OpError as e:
                    got.append([type(e).__name__, _p4.norm(str(e).split("\n")[0])])
    return got


def cases(tf):
    _TF[:] = [tf]
    return {"host": host_vendor(),
            "ta_v3_element_shape": _p4._case(tf, _ta_v3_element_shape, 38),
            "ta_grad_with_shape": _p4._case(tf, _ta_grad_with_shape, 38),
            "stack_max_size": _p4._case(tf, _stack_max_size, 38),
            "stack_configs": stack_configs(tf),
            "temporary_variables": _temporary_case(tf),
            "temporary_variable_errors": temporary_variable_errors(tf),
            "barrier": _named(_p4._case(tf, _barrier, 38)),
            "barrier_attrs": _named(_p4._case(tf, _barrier_attrs, 38)),
            "random_poisson_v1": _p4._case(tf, _random_poisson_v1, 24),
            "random_poisson_v2_empty": _p4._case(tf, _random_poisson_v2_empty, 38),
            "audio_summary_v1": _p4._case(tf, _audio_summary_v1, 14),
            "tensor_summary_v1": _p4._case(tf, _tensor_summary_v1, 38),
            "resource_slice_assign": _p4._case(tf, _resource_slice_assign, 38),
            "random_poisson_refused": random_poisson_refused(tf)}


def _named(case):
    case["values"] = steps(case["values"])
    return case


def _temporary_case(tf):
    case = _p4._case(tf, _temporary_variables, 38)
    case["values"] = steps(case["values"])
    return case
