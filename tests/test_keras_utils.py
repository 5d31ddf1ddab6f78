"""tf.keras.utils against TF 1.14 (tests/golden/keras/gen_utils.py): custom objects and
(de)serialization, get_source_inputs, the enqueuers, HDF5Matrix, kernel conversion,
normalize, and the errors of plot_model without pydot and multi_gpu_model without GPUs."""
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "utils")
GEN = generator("keras", "utils")


@pytest.mark.parametrize("case", ["custom_objects", "source_inputs", "enqueuers", "kernels",
                                  "enqueuers_mp", "fit_mp"])
def test_utils_case_as_tf(case):
    _compare(getattr(GEN, case)(tf), GOLD[case], case)


def test_hdf5_matrix_as_tf():
    pytest.importorskip("h5py")
    _compare(GEN.hdf5_matrix(tf), GOLD["hdf5_matrix"], "hdf5_matrix")


def test_plot_model_and_multi_gpu_errors_as_tf(monkeypatch):
    monkeypatch.setitem(sys.modules, "pydot", None)  # pydot missing, as in the oracle
    got = GEN.misc(tf)
    want = GOLD["misc"]
    _compare(got["normalize"], want["normalize"])
    assert got["plot_model"][0] == want["plot_model"][0] == "ImportError"
    assert got["plot_model"][1].startswith(want["plot_model"][1])
    assert "flowgrad[plot]" in got["plot_model"][1]
    # the devices the machine has: TF 1.14's list_devices, /xla_cpu:0 included
    assert got["multi_gpu"] == want["multi_gpu"]


class _FakePydot:
    """Records what model_to_dot builds (pydot itself is an optional extra)."""

    class Dot:
        def __init__(self):
            self.nodes, self.edges, self.attrs = [], [], {}

        def create(self):
            return b""

        def set(self, k, v):
            self.attrs[k] = v

        def set_node_defaults(self, **kw):
            self.attrs["node"] = kw

        def add_node(self, n):
            self.nodes.append(n)

        def add_edge(self, e):
            self.edges.append(e)

        def write(self, path, format):  # noqa: A002 - pydot's name
            self.written = (path, format)

    class Node:
        def __init__(self, name, label):
            self.name, self.label = name, label

    class Edge:
        def __init__(self, a, b):
            self.ends = (a, b)


def test_plot_model_builds_one_record_per_layer(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pydot", _FakePydot)
    with tf.Graph().as_default():
        a = tf.keras.Input((3,), name="a")
        x = tf.keras.layers.Dense(2, name="d1")(a)
        y = tf.keras.layers.Dense(1, name="d2")(x)
        m = tf.keras.Model(a, y)
        dot = tf.keras.utils.plot_model(m, to_file=str(tmp_path / "m.svg"), show_shapes=True)
    labels = [n.label for n in dot.nodes]
    assert labels == ["a: InputLayer\n|{input:|output:}|{{(None, 3)}|{(None, 3)}}",
                      "d1: Dense\n|{input:|output:}|{{(None, 3)}|{(None, 2)}}",
                      "d2: Dense\n|{input:|output:}|{{(None, 2)}|{(None, 1)}}"]
    ids = [n.name for n in dot.nodes]
    assert [e.ends for e in dot.edges] == [(ids[0], ids[1]), (ids[1], ids[2])]
    assert dot.written == (str(tmp_path / "m.svg"), "svg")
    assert dot.attrs["rankdir"] == "TB"


def test_hdf5_matrix_without_h5py_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)
    with pytest.raises(ImportError, match=r"flowgrad\[h5\]"):
        tf.keras.utils.HDF5Matrix("x.h5", "x")


def test_generator_enqueuer_raises_the_generators_error():
    def bad():
        yield np.zeros(1)
        raise RuntimeError("boom")
    enq = tf.keras.utils.GeneratorEnqueuer(bad())
    enq.start()
    with pytest.raises(RuntimeError, match="boom"):
        list(enq.get())
    enq.stop()


def test_terminate_keras_multiprocessing_pools_ends_an_enqueuers_workers():
    from flowgrad.keras import _utils_more as U

    def forever():
        while True:
            yield np.zeros(2)
    enq = tf.keras.utils.GeneratorEnqueuer(forever(), use_multiprocessing=True)
    enq.start(workers=2, max_queue_size=2)
    assert next(enq.get()).shape == (2,)
    workers = [p for p in U._WORKERS if p.is_alive()]
    assert len(workers) >= 2
    errors = tf.keras.experimental.terminate_keras_multiprocessing_pools()
    assert not any(p.is_alive() for p in workers)
    # the running enqueuer still holds its (terminated) pool, as TF 1.14's run thread does
    assert all(e.startswith("pool still exists") for e in errors), errors
    enq.stop()
    del enq
    assert tf.keras.experimental.terminate_keras_multiprocessing_pools() == []
