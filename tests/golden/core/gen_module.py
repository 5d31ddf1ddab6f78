"""tf.Module under TF 1.14 (module.json) and flowgrad (tests/test_module.py): names and
name scopes (derived from the class name, made unique, nested under outer scopes and
modules), the variables created under `with self.name_scope:` and in methods decorated
with `tf.Module.with_name_scope`, `variables` / `trainable_variables` / `submodules` over
variables held in nested lists, dicts, tuples and namedtuples, `_flatten` (paths,
recursion, traversal key, de-duplication, predicate None), and name errors. Valid
Python 3.7."""
import collections
import os
import shutil
import tempfile

Pair = collections.namedtuple("Pair", "second first")


def rec(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])


def _show(x):
    """A leaf as a comparable string: a variable or tensor by name, else its repr."""
    name = getattr(x, "name", None)
    if isinstance(name, str) and hasattr(x, "dtype"):
        return "%s(%s)" % ("Variable" if hasattr(x, "initializer") else "Tensor", name)
    if hasattr(x, "_flatten"):
        return "Module(%s)" % x.name
    if isinstance(x, set):
        return "set(%s)" % sorted(x)
    return repr(x)


def _paths(pairs):
    return [[list(p), _show(v)] for p, v in pairs]


def _names(vs):
    return [v.name for v in vs]


def build(tf):
    class Leaf(tf.Module):
        def __init__(self, name=None):
            super(Leaf, self).__init__(name=name)
            with self.name_scope:
                self.w = tf.Variable(tf.ones([2, 3]), name="w")
                self.group = [tf.Variable(2.0, name="a"),
                              {"z": tf.Variable(3.0, name="z", trainable=False),
                               "b": (tf.Variable(4.0, name="b"),)}]
                self.pair = Pair(second=tf.Variable(5.0, name="second"),
                                 first=tf.constant(6.0, name="first"))

        @tf.Module.with_name_scope
        def __call__(self, x):
            if not hasattr(self, "lazy"):
                self.lazy = tf.Variable(tf.zeros([3]), name="lazy")
            return tf.nn.relu(tf.matmul(x, self.w) + self.lazy)

    class Tree(tf.Module):
        def __init__(self, name=None):
            super(Tree, self).__init__(name=name)
            with self.name_scope:
                self.left = Leaf(name="left")
                self.kids = [Leaf(), {"k": Leaf()}]
                self.shared = self.left.w
                self.gv = tf.get_variable("gv", [1])

    class HTTPServerModule(tf.Module):
        pass

    out = {}
    leaf = Leaf()
    y = leaf(tf.ones([4, 2]))
    out["leaf_name"] = [leaf.name, leaf.name_scope.name, leaf._scope_name]
    out["leaf_call"] = [y.name, y.op.inputs[0].name, _names(leaf.variables)]
    out["leaf_trainable"] = _names(leaf.trainable_variables)
    out["leaf_paths"] = _paths(leaf._flatten(with_path=True))
    out["leaf_all"] = [_show(v) for v in leaf._flatten()]
    out["leaf_reverse"] = _names(leaf._flatten(
        predicate=lambda v: isinstance(v, tf.Variable),
        attribute_traversal_key=lambda k: "".join(reversed(k))))
    with tf.name_scope("outer"):
        tree = Tree()
    out["tree_scope"] = [tree.name, tree._scope_name, tree.left._scope_name,
                         [m._scope_name for m in tree.submodules]]
    out["tree_vars"] = _names(tree.variables)
    out["tree_trainable"] = _names(tree.trainable_variables)
    out["tree_submodules"] = [m.name for m in tree.submodules]
    out["tree_not_recursive"] = [_show(v) for v in tree._flatten(recursive=False)]
    out["tree_paths"] = _paths(tree._flatten(
        predicate=lambda v: isinstance(v, tf.Variable), with_path=True))
    with tree.name_scope as scope:
        out["reenter"] = [scope, tf.constant(1.0, name="c").name]
    with tree.name_scope:
        with tree.left.name_scope:
            out["reenter_nested"] = tf.constant(1.0, name="c").name
    out["class_names"] = [HTTPServerModule().name, HTTPServerModule()._scope_name,
                          tf.Module().name, tf.Module(name="Custom_1")._scope_name]
    plain = tf.Module()
    out["plain_flatten"] = _paths(plain._flatten(with_path=True))
    plain.t = (tf.Variable(1.0, name="t0"), [tf.Variable(2.0, name="t1")])
    out["tuple_assigned"] = _paths(plain._flatten(with_path=True))
    plain.d = {}
    out["dict_assigned"] = _paths(plain._flatten(with_path=True))
    cyc = tf.Module(name="cyc")
    cyc.me = cyc
    cyc.v = tf.Variable(1.0, name="cv")
    out["cycle"] = [_names(cyc.variables), len(cyc.submodules)]
    out["errors"] = [rec(lambda: tf.Module(name=bad).name)
                     for bad in ("1a", "a b", "", "a/b", "a-b", "_ok")]
    out["error_type"] = rec(lambda: type(tf.Module(name=3)).__name__).split(":")[0]
    out["method_name"] = Leaf.__call__.__name__
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out["value"] = sess.run(y)
    return out


def checkpoint(tf):
    """tf.train.Checkpoint of a module tree: the keys written (attributes in assignment
    order, list items by index, dict items by key, tuples untracked, a module reached twice
    by its shortest path), then a restore after the variables changed."""
    class Leaf(tf.Module):
        def __init__(self, name=None):
            super(Leaf, self).__init__(name=name)
            with self.name_scope:
                self.w = tf.Variable([1.0, 2.0], name="w")
                self.group = [tf.Variable(2.0, name="a"),
                              {"z": tf.Variable(3.0, name="z"), "b": [tf.Variable(4.0, name="b")]}]
                self.t = (tf.Variable(5.0, name="t"),)
                self.note = "x"
                self.empty = []

    class Tree(tf.Module):
        def __init__(self):
            super(Tree, self).__init__()
            self.kids = [Leaf(), Leaf()]
            self.left = self.kids[0]
            self.v = tf.Variable(7.0, name="v")

    tree = Tree()
    tree.kids.append(Leaf(name="late"))
    ck = tf.train.Checkpoint(model=tree)
    d = tempfile.mkdtemp()
    try:
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = ck.save(os.path.join(d, "ck"), session=sess)
            keys = [n for n, _ in tf.train.list_variables(path)]
            sess.run([v.assign(v * 0.0) for v in tree.trainable_variables])
            status = ck.restore(path)
            status.assert_existing_objects_matched()
            status.run_restore_ops(sess)
            values = sess.run(list(tree.variables))
        return {"keys": keys, "restored": [[v.name, x] for v, x in zip(tree.variables, values)]}
    finally:
        shutil.rmtree(d)


def layers(tf):
    """Keras layers, tf.layers layers and RNN cells are tf.Modules (TF 1.14): a module
    holding them finds their variables (through their attributes) and them as submodules."""
    class M(tf.Module):
        def __init__(self):
            super(M, self).__init__()
            with self.name_scope:
                self.dense = tf.keras.layers.Dense(3)
                self.bn = tf.keras.layers.BatchNormalization()
                self.cell = tf.nn.rnn_cell.LSTMCell(4)
                self.tl = tf.layers.Dense(2)

        def __call__(self, x):
            return self.tl(self.bn(self.dense(x)))

    m = M()
    m(tf.ones([2, 5]))
    m.cell(tf.ones([2, 3]), m.cell.zero_state(2, tf.float32))
    return {"variables": _names(m.variables),
            "trainable": _names(m.trainable_variables),
            "submodules": [type(x).__name__ for x in m.submodules],
            "is_module": [isinstance(x, tf.Module) for x in (m.dense, m.cell, m.tl)],
            "layer_variables": _names(m.dense.variables)}


def cases(tf):
    with tf.Graph().as_default():
        out = {"module": build(tf)}
    with tf.Graph().as_default():
        out["layers"] = layers(tf)
    with tf.Graph().as_default():
        out["checkpoint"] = checkpoint(tf)
    return out
