"""TF 1.14's object-based checkpoints of subclassed Keras models (graph mode): the
checkpoint keys and the object graph (children by attribute: a layer held directly 'd',
in a list 'ls/0', in a dict 'dc/a', a nested subclassed model 'inner/d', a Sequential
inside one 'seq/layer-0', a variable attribute 'v'; a compiled model's 'optimizer' and
its slots) written by save_weights and tf.train.Checkpoint(model=...).save, and
load_weights / Checkpoint.restore before the model's first call (the restore ops made as
each weight is, under the layer's scope), the restored values and assert_consumed.
The golden records the host (an Intel Xeon made it); no float32 bit is compared."""
import os
import shutil
import tempfile

import numpy as np

from goldenio import host_vendor


def _graph_pb2(tf):
    if tf.__name__ == "flowgrad":
        from flowgrad.train.saver import _object_graph_pb2
        return _object_graph_pb2()
    from tensorflow.core.protobuf import trackable_object_graph_pb2
    return trackable_object_graph_pb2


def _dump(tf, path):
    g = _graph_pb2(tf).TrackableObjectGraph()
    g.ParseFromString(tf.train.load_checkpoint(path).get_tensor(
        "_CHECKPOINTABLE_OBJECT_GRAPH"))
    nodes = [[[[c.local_name, c.node_id] for c in n.children],
              [[a.name, a.full_name, a.checkpoint_key] for a in n.attributes],
              [[s.original_variable_node_id, s.slot_name, s.slot_variable_node_id]
               for s in n.slot_variables]] for n in g.nodes]
    return {"nodes": nodes,
            "keys": [[k, list(s)] for k, s in tf.train.list_variables(path)]}


def _models(tf):
    K = tf.keras

    class Inner(K.Model):
        def __init__(self):
            super(Inner, self).__init__()
            self.d = K.layers.Dense(2, name="dd")

        def call(self, x):
            return self.d(x)

    class M(K.Model):
        def __init__(self):
            super(M, self).__init__()
            self.d = K.layers.Dense(3)
            self.ls = [K.layers.Dense(2), K.layers.Dense(2)]
            self.dc = {"a": K.layers.Dense(2), "b": K.layers.Dense(2)}
            self.inner = Inner()
            self.seq = K.Sequential([K.layers.Dense(2)])
            self.v = tf.Variable(1.0, name="myv")

        def call(self, x):
            h = self.d(x)
            h = self.ls[1](self.ls[0](h))
            h = self.dc["b"](self.dc["a"](h))
            h = self.inner(h)
            return self.seq(h) * self.v

    class Small(K.Model):
        def __init__(self):
            super(Small, self).__init__()
            self.d = K.layers.Dense(3)
            self.ls = [K.layers.Dense(2)]
            self.f = K.layers.Dense(2)

        def call(self, x):
            return self.f(self.ls[0](self.d(x)))
    return M, Small


def layouts(tf):
    """The keys and object graph of save_weights and Checkpoint(model=m).save."""
    M, _ = _models(tf)
    d = tempfile.mkdtemp()
    out = {}
    try:
        with tf.Graph().as_default():
            m = M()
            m(tf.ones([1, 4]))
            out["weights"] = [w.name for w in m.weights]
            out["layers"] = [x.name for x in m.layers]
            m.save_weights(os.path.join(d, "w"))
            out["save_weights"] = _dump(tf, os.path.join(d, "w"))
            out["checkpoint"] = _dump(tf, tf.train.Checkpoint(model=m).save(
                os.path.join(d, "c")))
    finally:
        shutil.rmtree(d)
    return out


def built(tf):
    """Models built by build(input_shape) (TF's Network.build: called on a
    'Placeholder', then _track_layers adds 'layer_with_weights-N' / 'layer-N' children:
    a Sequential's keys become 'layer-N/...'): the object graph and keys of save_weights,
    and the Sequential's ops."""
    K = tf.keras
    M, _ = _models(tf)
    d = tempfile.mkdtemp()
    out = {}
    try:
        with tf.Graph().as_default() as g:
            m = M()
            m.build((None, 4))
            m.save_weights(os.path.join(d, "m"))
            out["subclassed"] = _dump(tf, os.path.join(d, "m"))
        with tf.Graph().as_default() as g:
            s = K.Sequential([K.layers.Dense(3, name="a"), K.layers.Dropout(0.1),
                              K.layers.Dense(2, name="b")])
            s.build((None, 4))
            out["sequential_ops"] = [[o.name, o.type] for o in g.get_operations()]
            out["sequential_inputs"] = [len(s.inputs), len(s.outputs)]
            s.save_weights(os.path.join(d, "s"))
            out["sequential"] = _dump(tf, os.path.join(d, "s"))
    finally:
        shutil.rmtree(d)
    return out


def functional(tf):
    """A functional model (and a Sequential with an input) tracks per layer
    'layer_with_weights-N' then 'layer-N' (Network._track_layers): save_weights, inside
    a subclassed model, and tf.train.Checkpoint(model=...) with its optimizer."""
    K = tf.keras
    d = tempfile.mkdtemp()
    out = {}
    try:
        with tf.Graph().as_default():
            i = K.Input((4,))
            f = K.Model(i, K.layers.Dense(2, name="fd")(K.layers.Dropout(0.1)(i)))
            f.save_weights(os.path.join(d, "f"))
            out["save_weights"] = _dump(tf, os.path.join(d, "f"))
            s = K.Sequential([K.layers.Dense(2, input_shape=(3,)), K.layers.Dropout(0.1),
                              K.layers.Dense(1)])
            s.save_weights(os.path.join(d, "s"))
            out["sequential"] = _dump(tf, os.path.join(d, "s"))

            class M(K.Model):
                def __init__(self):
                    super(M, self).__init__()
                    self.f = f
                    self.e = K.layers.Dense(3)

                def call(self, x):
                    return self.e(self.f(x))
            m = M()
            m(tf.ones([1, 4]))
            f.compile(K.optimizers.SGD(0.1), "mse")
            out["nested"] = _dump(tf, tf.train.Checkpoint(model=m).save(
                os.path.join(d, "c")))
            out["checkpoint"] = _dump(tf, tf.train.Checkpoint(model=f).save(
                os.path.join(d, "fc")))
    finally:
        shutil.rmtree(d)
    return out


def _restore_ops(g, n0):
    return [[o.name, o.type, [t.name for t in o.inputs]] for o in g.get_operations()[n0:]
            if o.type in ("RestoreV2", "AssignVariableOp", "Identity")
            or "RestoreV2" in o.name]


def optimizer(tf, mode):
    """A compiled, fitted model's weights and Adam state saved (save_weights or
    Checkpoint), restored into a new model before its first call."""
    K = tf.keras
    _, Small = _models(tf)
    d = tempfile.mkdtemp()
    out = {}
    try:
        with tf.Graph().as_default():
            m = Small()
            m.compile(K.optimizers.Adam(0.1), "mse")
            m.fit(np.arange(8.).reshape(2, 4), np.ones((2, 2)), verbose=0)
            if mode == "checkpoint":
                path = tf.train.Checkpoint(model=m).save(os.path.join(d, "c"))
            else:
                path = os.path.join(d, "w")
                m.save_weights(path)
            out["saved"] = _dump(tf, path)
            want = K.backend.get_session().run(m.weights)
        with tf.Graph().as_default() as g:
            m = Small()
            n0 = len(g.get_operations())
            if mode == "checkpoint":
                st = tf.train.Checkpoint(model=m).restore(path)
            else:
                st = m.load_weights(path)
            out["at_restore"] = _restore_ops(g, n0)
            n0 = len(g.get_operations())
            m(tf.constant(np.ones((1, 4), np.float32)))
            out["at_call"] = _restore_ops(g, n0)
            if mode == "checkpoint":
                st.run_restore_ops(K.backend.get_session())
            got = K.backend.get_session().run(m.weights)
            out["equal"] = [bool(np.array_equal(a, b)) for a, b in zip(want, got)]
            if mode != "checkpoint":
                try:
                    st.assert_consumed()
                    out["consumed"] = None
                except AssertionError as e:
                    out["consumed"] = str(e).split(":")[0]
    finally:
        shutil.rmtree(d)
    return out


def cases(tf):
    return {"host": host_vendor(), "layouts": layouts(tf), "built": built(tf),
            "functional": functional(tf),
            "save_weights_optimizer": optimizer(tf, "save_weights"),
            "checkpoint_optimizer": optimizer(tf, "checkpoint")}
