"""The graph TF 1.14 builds to restore object-based checkpoints in graph mode, op by op
(name, type, inputs, device, control inputs) after each call: tf.train.Checkpoint.restore
of a checkpoint written by save() and write() (one file-prefix Const per Checkpoint, fed
the path; per object RestoreV2, then Identity + AssignVariableOp for a resource variable,
Assign for a ref variable; save_counter made on restore; nothing new when restored again),
restores deferred until a dependency is added, a subset restore, Adam's beta powers and
m/v slots made after the restore (their restore ops made as they are), Keras load_weights
of a TF-format checkpoint into a built model and into one built later, a Keras Adam's
state restored as compile / fit make it, tf.train.Saver reading an object-based
checkpoint and tf.train.Checkpoint a name-based one, shape mismatches; the status
assertions' AssertionError text and the values. The Adam steps' float32 bits depend on
the host's CPU: the generator records it (an Intel Xeon made this golden)."""
import os
import shutil
import tempfile

import numpy as np
from goldenio import host_vendor


def _ops(g, n0):
    # keras.backend.get_session initializes the variables in a set's order: a
    # VarIsInitializedOp's input and the init NoOp's control inputs are left unordered
    return [[op.name, op.type,
             [] if op.type == "VarIsInitializedOp" else [t.name for t in op.inputs],
             op.device, sorted(c.name for c in op.control_inputs)]
            for op in g.get_operations()[n0:]]


def _check(fn):
    try:
        fn()
        return None
    except AssertionError as e:
        msg = str(e)
        head = "changes in the Python program: [<"
        if head in msg:   # TF lists the objects in a set's order: sorted here
            start, items = msg.split(head, 1)
            msg = start + head + ">, <".join(sorted(items[:-2].split(">, <"))) + ">]"
        return msg


def _record(out, g, tag, fn):
    n0 = len(g.get_operations())
    r = fn()
    out.append([tag, _ops(g, n0)])
    return r


def checkpoint_restore(tf):
    d = tempfile.mkdtemp()
    out = []
    try:
        with tf.Graph().as_default() as g, tf.Session() as s:
            a = tf.Variable([1.0, 2.0], name="a")
            b = tf.Variable(3, name="b", use_resource=True)
            ck = tf.train.Checkpoint(a=a, b=b)
            s.run([a.initializer, b.initializer])
            p = ck.write(os.path.join(d, "w"), session=s)
            st = _record(out, g, "restore same object", lambda: ck.restore(p))
            out.append(["consumed", _check(st.assert_consumed)])
            st = _record(out, g, "restore again", lambda: ck.restore(p))
            s.run([a.assign([7.0, 8.0]), b.assign(9)])
            st.run_restore_ops(s)
            out.append(["values", s.run([a, b])])
            ck2 = tf.train.Checkpoint()
            st2 = _record(out, g, "restore into empty", lambda: ck2.restore(p))
            out.append(["existing", _check(st2.assert_existing_objects_matched)])
            _record(out, g, "deferred a", lambda: setattr(ck2, "a", a))
            _record(out, g, "extra c", lambda: setattr(ck2, "c", tf.Variable(7.0, name="c")))
            out.append(["consumed extra", _check(st2.assert_consumed)])
            s.run(a.assign([0.0, 0.0]))
            st2.run_restore_ops(s)
            out.append(["deferred value", s.run(a)])
            s.run(ck.save_counter.initializer)   # made by restore(), not initialized
            sp = ck.save(os.path.join(d, "ck"), session=s)
            ck3 = tf.train.Checkpoint(b=tf.Variable(0, name="b3", use_resource=True))
            st3 = _record(out, g, "restore subset", lambda: ck3.restore(sp))
            out.append(["subset existing", _check(st3.assert_existing_objects_matched)])
            out.append(["subset consumed", _check(st3.assert_consumed)])
            out.append(["subset nontrivial", _check(st3.assert_nontrivial_match)])
            st3.initialize_or_restore(s)
            out.append(["subset values", s.run([ck3.b, ck3.save_counter])])
            st4 = tf.train.Checkpoint(a=a).restore(None)
            out.append(["none consumed", _check(st4.assert_consumed)])
            out.append(["none run", _check(lambda: st4.run_restore_ops(s))])
            out.append(["ops", len(g.get_operations())])
    finally:
        shutil.rmtree(d)
    return out


def adam_slots(tf):
    d = tempfile.mkdtemp()
    out = []
    try:
        with tf.Graph().as_default(), tf.Session() as s:
            v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
            opt = tf.train.AdamOptimizer(0.1)
            tr = opt.minimize(tf.reduce_sum(v * v))
            ck = tf.train.Checkpoint(v=v, opt=opt)
            s.run(tf.global_variables_initializer())
            s.run(tr)
            p = ck.save(os.path.join(d, "ck"), session=s)
        with tf.Graph().as_default() as g:
            v = tf.Variable([0.0, 0.0], name="v", use_resource=True)
            opt = tf.train.AdamOptimizer(0.1)
            ck = tf.train.Checkpoint(v=v, opt=opt)
            st = _record(out, g, "restore", lambda: ck.restore(p))
            out.append(["consumed before", _check(st.assert_consumed)])
            out.append(["existing before", _check(st.assert_existing_objects_matched)])
            _record(out, g, "minimize", lambda: opt.minimize(tf.reduce_sum(v * v)))
            out.append(["consumed after", _check(st.assert_consumed)])
            with tf.Session() as s:
                st.run_restore_ops(s)
                out.append(["values", s.run([v, opt.get_slot(v, "m"), opt.get_slot(v, "v")]
                                            + list(opt._get_beta_accumulators()))])
    finally:
        shutil.rmtree(d)
    return out


def keras_built(tf):
    d = tempfile.mkdtemp()
    out = []
    K = tf.keras
    try:
        with tf.Graph().as_default() as g, tf.Session():
            tf.set_random_seed(3)
            m = K.Sequential([K.layers.Dense(3, input_shape=(2,), name="a"),
                              K.layers.Dense(1, name="b")])
            p = os.path.join(d, "w")
            m.save_weights(p)
            m2 = K.models.clone_model(m)
            st = _record(out, g, "load_weights", lambda: m2.load_weights(p))
            out.append(["same", [np.array_equal(x, y)
                                 for x, y in zip(m.get_weights(), m2.get_weights())]])
            out.append(["consumed", _check(st.assert_consumed)])
            st = _record(out, g, "load_weights again", lambda: m2.load_weights(p))
            out.append(["type", type(st).__name__])
    finally:
        shutil.rmtree(d)
    return out


def keras_unbuilt(tf):
    # only the restore ops: flowgrad's Sequential.build graph differs in names
    d = tempfile.mkdtemp()
    out = []
    K = tf.keras
    try:
        with tf.Graph().as_default() as g, tf.Session():
            tf.set_random_seed(4)
            m = K.Sequential([K.layers.Dense(2, input_shape=(2,), name="a")])
            p = os.path.join(d, "w")
            m.save_weights(p)
            m2 = K.Sequential([K.layers.Dense(2, name="a")])
            _record(out, g, "load before build", lambda: m2.load_weights(p))
            n0 = len(g.get_operations())
            m2.build((None, 2))
            out.append(["build", [o for o in _ops(g, n0)
                                  if o[1] in ("RestoreV2", "Identity", "AssignVariableOp")
                                  and not o[0].startswith("a_1/")
                                  or o[0].startswith("RestoreV2")]])
            out.append(["same", [np.array_equal(x, y)
                                 for x, y in zip(m.get_weights(), m2.get_weights())]])
    finally:
        shutil.rmtree(d)
    return out


def saver_object_ckpt(tf):
    # tf.train.Saver on an object-based checkpoint: TF 1.14 rebuilds a Saver ('save_1')
    # of the checkpoint's keys (once), or names the variables the checkpoint has not
    d = tempfile.mkdtemp()
    out = []
    try:
        with tf.Graph().as_default(), tf.Session() as s:
            v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
            r = tf.Variable([3.0], name="r")
            ck = tf.train.Checkpoint(v=v, r=r)
            s.run(tf.global_variables_initializer())
            p = ck.save(os.path.join(d, "ck"), session=s)
        with tf.Graph().as_default() as g, tf.Session() as s:
            v = tf.Variable([0.0, 0.0], name="v", use_resource=True)
            r = tf.Variable([0.0], name="r")
            sv = _record(out, g, "Saver", lambda: tf.train.Saver())
            _record(out, g, "restore", lambda: sv.restore(s, p))
            out.append(["values", s.run([v, r])])
            _record(out, g, "restore again", lambda: sv.restore(s, p))
            w = tf.Variable(1.0, name="w")
            sv2 = tf.train.Saver([v, w])
            try:
                sv2.restore(s, p)
                out.append(["missing", None])
            except tf.errors.NotFoundError as e:
                out.append(["missing", [type(e).__name__, e.message]])
    finally:
        shutil.rmtree(d)
    return out


def shape_mismatch(tf):
    # a resource variable takes the checkpoint's shape (AssignVariableOp); a ref
    # variable's Assign (validate_shape) fails at run_restore_ops
    d = tempfile.mkdtemp()
    out = []
    K = tf.keras
    try:
        with tf.Graph().as_default(), tf.Session() as s:
            m = K.Sequential([K.layers.Dense(2, input_shape=(2,), name="a")])
            p = os.path.join(d, "w")
            m.save_weights(p)
            m2 = K.Sequential([K.layers.Dense(3, input_shape=(2,), name="a")])
            m2.load_weights(p)
            out.append(["keras shapes", [list(w.shape) for w in m2.get_weights()]])
            v = tf.Variable([1.0, 2.0], name="v")
            s.run(v.initializer)
            p2 = tf.train.Checkpoint(v=v).save(os.path.join(d, "ck"), session=s)
            st = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0, 3.0], name="v3")).restore(p2)
            try:
                st.run_restore_ops(s)
                out.append(["ref", None])
            except tf.errors.InvalidArgumentError as e:
                out.append(["ref", [type(e).__name__, e.message.splitlines()[0]]])
            try:
                tf.train.Checkpoint(v=v).restore(os.path.join(d, "nope"))
            except tf.errors.NotFoundError as e:
                out.append(["missing", [type(e).__name__,
                                        e.message.replace(d, "DIR").splitlines()[0]]])
    finally:
        shutil.rmtree(d)
    return out


def keras_optimizer(tf):
    # a trained Adam model's checkpoint loaded into a model compiled before / after
    # load_weights: iter, the hyperparameters and m / v restore as fit makes them (under
    # 'Adam/'); the restore ops of fit, then the values after one more step
    X = np.linspace(-1, 1, 12).reshape(4, 3).astype("float32")
    Y = np.ones((4, 2), "float32")
    K = tf.keras
    d = tempfile.mkdtemp()
    out = []

    def model():
        return K.Sequential([K.layers.Dense(2, input_shape=(3,), name="d",
                                            kernel_initializer="ones")])
    try:
        p = os.path.join(d, "w")
        with tf.Graph().as_default(), tf.Session():
            m = model()
            m.compile(K.optimizers.Adam(0.1), "mse")
            m.fit(X, Y, epochs=2, batch_size=2, verbose=0, shuffle=False)
            m.save_weights(p)
        for order in ("compile first", "load first"):
            with tf.Graph().as_default() as g, tf.Session():
                m = model()
                if order == "compile first":
                    m.compile(K.optimizers.Adam(0.1), "mse")
                st = m.load_weights(p)
                if order == "load first":
                    m.compile(K.optimizers.Adam(0.1), "mse")
                n0 = len(g.get_operations())
                # (shuffle=False: fit's default shuffles the batch's rows with NumPy's
                # unseeded generator, in TF too, and the gradient's sum follows that order)
                m.fit(X, Y, epochs=1, batch_size=4, verbose=0, shuffle=False)
                out.append([order, [o for o in _ops(g, n0) if o[1] in (
                    "RestoreV2", "Identity", "AssignVariableOp")]])
                out.append([order + " values", m.optimizer.get_weights() + m.get_weights()])
                out.append([order + " consumed", _check(st.assert_consumed)])
    finally:
        shutil.rmtree(d)
    return out


def name_based(tf):
    # Checkpoint.restore of a tf.train.Saver checkpoint (NameBasedSaverStatus): no op at
    # restore(); run_restore_ops makes a Saver on /cpu:0 of the variables not restored
    # since (none left the second time: "No variables to save"); Keras load_weights
    # refuses it in graph mode
    d = tempfile.mkdtemp()
    out = []
    try:
        with tf.Graph().as_default() as g, tf.Session() as s:
            v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
            w = tf.Variable(3.0, name="w")
            ck = tf.train.Checkpoint(v=v, w=w)
            ck.save_counter   # noqa: B018 - in the checkpoint (restore makes it)
            s.run(tf.global_variables_initializer())
            p = tf.train.Saver().save(s, os.path.join(d, "n"))
            s.run([v.assign([0.0, 0.0]), w.assign(0.0)])
            st = _record(out, g, "restore", lambda: ck.restore(p))
            out.append(["type", type(st).__name__])
            out.append(["consumed before", _check(st.assert_consumed) is not None])
            _record(out, g, "run_restore_ops", lambda: st.run_restore_ops(s))
            out.append(["values", s.run([v, w])])
            out.append(["consumed", _check(st.assert_consumed)])
            try:
                st.run_restore_ops(s)
                out.append(["again", None])
            except ValueError as e:
                out.append(["again", str(e)])
            m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(2,))])
            try:
                m.load_weights(p)
                out.append(["keras", None])
            except NotImplementedError as e:
                out.append(["keras", str(e)])
    finally:
        shutil.rmtree(d)
    return out


def cases(tf):
    return {"host": host_vendor(), "checkpoint_restore": checkpoint_restore(tf),
            "adam_slots": adam_slots(tf), "keras_built": keras_built(tf),
            "keras_unbuilt": keras_unbuilt(tf), "saver_object_ckpt": saver_object_ckpt(tf),
            "shape_mismatch": shape_mismatch(tf), "keras_optimizer": keras_optimizer(tf),
            "name_based": name_based(tf)}
