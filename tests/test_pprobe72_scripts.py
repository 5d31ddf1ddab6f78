"""The probe programs of tests/pprobe72_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe72_scripts.py): whole seeded TF1 programs of variables,
scopes and templates: variable_scope reuse (AUTO_REUSE, reuse_variables), name_scope vs
variable_scope names and get_variable's ValueErrors (scope_reuse.py), custom getters for
float16 and EMA shadows (custom_getters.py), partitioners and partitioned slices
(partitioners.py), make_template, local variables, tf.Variable's arguments and the
initialization checks (templates_locals.py), a scope's initializer / regularizer defaults,
default_name and get_variable's errors (scope_defaults.py).

scope_reuse.py, custom_getters.py and partitioners.py matched TF on the base commit: they
stay as regression guards. templates_locals.py and scope_defaults.py found two faults,
each with a focused test below:

- `sum(res * cached)` minimized by GradientDescent: each variable's gradient is the other
  variable's value, and flowgrad's optimizer passes gave the reference variable's buffer
  itself as that gradient, which its ApplyGradientDescent then changed in place before the
  other update read it. On the first run mul_by_ones made the gradient's `ones * a/read`
  a BroadcastTo of the read's own shape (a NumPy view of the buffer) where TF's Grappler
  makes a Snapshot (a copy); on later runs the arithmetic pass removed the Mul as `x * 1`,
  its safety check (a state change between the node and its last reader) not looking
  through the tf.gradients tuple's control_dependency Identity (optimize/_util.last_uses).
- A resource variable read before it was initialized: TF's NotFound says "Resource
  localhost/res/N10tensorflow3VarE does not exist." once the session's container
  "localhost" exists, which a reference variable's kernel (or a queue) makes when it runs;
  flowgrad counted only resource variables (RunContext.container).
- (not a fault: get_variable of an int32 variable with a float initializer: TF's
  tf.Variable keeps the ops the initializer made before it failed, flowgrad's Variable
  constructors roll the graph back (Graph._atomic), as the project's errors leave nothing
  half-built; scope_defaults.py does it last)"""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe72_scripts")
GOLD = load("seeded", "pprobe72_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.parametrize("second", ["ref", "resource"])
def test_gradient_of_a_product_reads_the_variables_before_the_updates(second):
    # TF 1.14 (checked with the oracle): each step's gradients are the other variable's
    # value before the step, on the first run (mul_by_ones' Snapshot) and later ones
    # (arithmetic's `x * 1` across the tuple's Identity)
    with tf.Graph().as_default():
        a = tf.Variable([1.0, 2.0], name="a")
        b = tf.Variable([4.0, 5.0], name="b", use_resource=second == "resource")
        opt = tf.train.GradientDescentOptimizer(0.1)
        gv = opt.compute_gradients(tf.reduce_sum(b * a))
        train = opt.apply_gradients(gv)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = []
            for _ in range(3):
                got.append(sess.run([g for g, _ in gv] + [train])[:2])
            final = sess.run([a, b])
    f32 = np.float32
    want = [[[4, 5], [1, 2]], [[3.9, 4.8], [0.6, 1.5]],
            [[f32(3.8400002), 4.65], [f32(0.21000001), 1.02]]]
    for step, w in zip(got, want):
        for g, e in zip(step, w):
            np.testing.assert_array_equal(g, np.asarray(e, np.float32))
    np.testing.assert_array_equal(final[0], np.asarray([-0.17400002, 0.55499995], np.float32))
    np.testing.assert_array_equal(final[1], np.asarray([3.8190002, 4.5480003], np.float32))


_NO_CONTAINER = "Container localhost does not exist. (Could not find resource: localhost/res)"
_NO_RESOURCE = "Resource localhost/res/N10tensorflow3VarE does not exist."


@pytest.mark.parametrize("first, why", [
    (None, _NO_CONTAINER),
    ("is_initialized", _NO_RESOURCE),
    ("initializer", _NO_RESOURCE),
    ("report", _NO_RESOURCE),
    ("uninitialized_read", _NO_RESOURCE),
    ("queue", _NO_RESOURCE),
])
def test_uninitialized_resource_read_names_the_container_once_it_exists(first, why):
    # TF 1.14 (checked with the oracle): the ResourceMgr's "localhost" container is made by
    # the first resource in it: a VariableV2's LegacyVar when its kernel runs (even to fail
    # the read of an uninitialized value), a queue
    with tf.Graph().as_default():
        c = tf.Variable([1.0], name="c")
        res = tf.Variable([4.0, 5.0], use_resource=True, name="res")
        q = tf.FIFOQueue(3, tf.float32)
        before = {"is_initialized": tf.is_variable_initialized(c),
                  "initializer": c.initializer,
                  "report": tf.report_uninitialized_variables([c]),
                  "uninitialized_read": c, "queue": q.size()}
        read = res.read_value()
        with tf.Session() as sess:
            if first is not None:
                try:
                    sess.run(before[first])
                except tf.errors.FailedPreconditionError as e:
                    assert e.message.startswith("Attempting to use uninitialized value c")
            with pytest.raises(tf.errors.FailedPreconditionError) as info:
                sess.run(read)
    assert info.value.message.splitlines()[0] == (
        "Error while reading resource variable res from Container: localhost. This could "
        "mean that the variable was uninitialized. Not found: " + why)

