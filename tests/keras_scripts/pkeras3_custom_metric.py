"""Custom tf.keras.metrics.Metric subclasses as tutorials write them: TF 1.14 traces their
update_state as a tf.function (built-in metrics are not), so one that returns nothing
works (its update the output-less call op "PartitionedFunctionCall"), one returning a
variable update gives a StatefulPartitionedCall's output, and one returning tf.group(...)
fails with TF's TypeError; the metrics in compile/fit/evaluate, and tf.function's own
output-less call and Operation error."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(4)


class MeanAbs(tf.keras.metrics.Metric):
    """Returns nothing from update_state (the TF 2 guide's style)."""
    def __init__(self, name="mean_abs", **kw):
        super(MeanAbs, self).__init__(name=name, **kw)
        self.total = self.add_weight("total", initializer="zeros")
        self.count = self.add_weight("count", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.total.assign_add(tf.reduce_sum(tf.abs(y_true - y_pred)))
        self.count.assign_add(tf.cast(tf.size(y_true), tf.float32))

    def result(self):
        return self.total / self.count


class SumAbs(MeanAbs):
    """Returns the variable update."""
    def update_state(self, y_true, y_pred, sample_weight=None):
        return self.total.assign_add(tf.reduce_sum(tf.abs(y_true - y_pred)))

    def result(self):
        return self.total


class Grouped(MeanAbs):
    """Returns an Operation: TF 1.14's tf.function refuses it."""
    def update_state(self, y_true, y_pred, sample_weight=None):
        return tf.group(self.total.assign_add(1.0))


class Positives(tf.keras.metrics.Mean):
    """A subclass of a built-in metric is traced as well."""
    def update_state(self, y_true, y_pred, sample_weight=None):
        return super(Positives, self).update_state(tf.cast(y_pred > 0.5, tf.float32))


with tf.Graph().as_default():
    yt = tf.constant([[1.0], [2.0]])
    yp = tf.constant([[1.5], [2.5]])
    for cls in (MeanAbs, SumAbs, Grouped, Positives):
        m = cls()
        try:
            u = m.update_state(yt, yp)
        except TypeError as e:
            print(cls.__name__, "TypeError", str(e).split(" in compilation")[0])
            continue
        print(cls.__name__, type(u).__name__, u.name, u.type if isinstance(u, tf.Operation)
              else u.op.type)
        r = m(yt, yp)
        print(" ", r.name, r.op.type, [w.name for w in m.variables], len(m.updates))
    print(sorted(set(op.type for op in tf.get_default_graph().get_operations()
                     if "Call" in op.type)))
    m = MeanAbs()
    up = m.update_state(yt, yp)
    with tf.Session() as s:
        s.run(tf.variables_initializer(m.variables))
        print(s.run(up), s.run(m.result()))
        s.run(up)
        print(s.run(m.result()), s.run(m.count))

with tf.Graph().as_default():
    v = tf.Variable(1.0, use_resource=True)

    @tf.function
    def add(x):
        v.assign_add(x)

    @tf.function
    def grouped(x):
        return tf.group(v.assign_add(x))

    @tf.function
    def obj(x):
        return object()

    r1, r2 = add(tf.constant(2.0)), add(tf.constant(3.0))
    print(type(r1).__name__, r1.name, r1.type, r2.name, r1.outputs)
    for f in (grouped, obj):
        try:
            f(tf.constant(1.0))
        except TypeError as e:
            print("TypeError", str(e).split(" in compilation")[0], str(e).split(", found")[1]
                  .split("'")[0])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        print(s.run(r1), s.run(v), s.run(r2), s.run(v))

inp = tf.keras.Input((4,))
h = tf.keras.layers.Dense(5, activation="relu")(inp)
out = tf.keras.layers.Dense(1, activation="sigmoid")(h)
model = tf.keras.Model(inp, out)
model.compile("adam", "binary_crossentropy", metrics=[MeanAbs(), SumAbs(name="sum_abs"),
                                                     Positives(name="pos"), "acc"])
print(model.metrics_names)
x = np.random.rand(40, 4).astype("float32")
y = np.random.randint(0, 2, (40, 1)).astype("float32")
hist = model.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_split=0.25,
                 shuffle=False)
print({k: np.round(v, 5).tolist() for k, v in sorted(hist.history.items())})
print(np.round(model.evaluate(x, y, batch_size=16, verbose=0), 5).tolist())
print(np.round(model.train_on_batch(x[:8], y[:8]), 5).tolist())
print(np.round(model.test_on_batch(x[:8], y[:8]), 5).tolist())
print(sorted(set(op.type for op in tf.keras.backend.get_session().graph.get_operations()
                 if "Call" in op.type)))
