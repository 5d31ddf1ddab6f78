"""TF 1.14's 'infer_float32_vars' mixed precision policy: layers create AutoCastVariables
(float32 variables that read as the call's float16 input dtype: a ReadVariableOp then a
Cast in the op's scope), the ops by name and type, the variables' names and dtypes,
values and float32 gradients; normalization layers' variables stay plain; the error of a
non-float weight; a Sequential model under the global policy fitted with a
LossScaleOptimizer (history, weights, predictions, op count)."""
import numpy as np

X = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.]], "float32")
Y = np.array([[1.], [0.], [2.], [-0.5]], "float32")


def dense(tf, input_dtype):
    mp = tf.keras.mixed_precision.experimental
    with tf.Graph().as_default() as g:
        layer = tf.keras.layers.Dense(2, kernel_initializer="ones", bias_initializer="ones",
                                      dtype=mp.Policy("infer_float32_vars"))
        dtype_before = layer.dtype
        x = tf.constant(X.astype(input_dtype))
        y = layer(x)
        kernel = layer.kernel
        out = {"layer_dtype": [dtype_before, layer.dtype],
               "kernel": [type(kernel).__name__, kernel.dtype.name, kernel.true_dtype.name,
                          kernel.name],
               "output_dtype": y.dtype.name,
               "ops": [(op.name, op.type) for op in g.get_operations()],
               "variables": [(v.name, v.dtype.name) for v in tf.global_variables()],
               "weights_types": [type(w).__name__ for w in layer.weights]}
        loss = tf.reduce_sum(tf.square(tf.cast(y, tf.float32)))
        grads = tf.gradients(loss, layer.trainable_weights)
        out["grad_dtypes"] = [gr.dtype.name for gr in grads]
        n = len(g.get_operations())
        read = layer.kernel.read_value()
        out["read_outside"] = [read.dtype.name, [op.type for op in g.get_operations()][n:]]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["y"], out["grads"] = sess.run([y, grads])
            sess.run(layer.kernel.assign(np.full((2, 2), 0.5, "float32")))
            out["after_assign"] = sess.run(layer(x))
            out["get_weights"] = layer.get_weights()
        out["n_ops"], out["last_id"] = len(g.get_operations()), g._last_id
        return out


def normalization(tf):
    """BatchNormalization / LayerNormalization make no AutoCastVariables."""
    mp = tf.keras.mixed_precision.experimental
    out = {}
    with tf.Graph().as_default():
        for cls in (tf.keras.layers.BatchNormalization, tf.keras.layers.LayerNormalization):
            layer = cls(dtype=mp.Policy("infer_float32_vars"))
            layer(tf.constant(X))
            out[cls.__name__] = [type(w).__name__ for w in layer.weights]
    return out


def int_weight_error(tf):
    mp = tf.keras.mixed_precision.experimental
    with tf.Graph().as_default():
        layer = tf.keras.layers.Layer(dtype=mp.Policy("infer_float32_vars"))
        try:
            layer.add_weight("w", shape=(2,), dtype="int32")
            return None
        except ValueError as e:
            return [type(e).__name__, str(e)]


def fit(tf):
    """The global policy's Sequential (float16 input, a cast to float32 at the end) fitted
    with a LossScaleOptimizer over SGD."""
    mp = tf.keras.mixed_precision.experimental
    mp.set_policy("infer_float32_vars")
    try:
        with tf.Graph().as_default() as g:
            with tf.Session():
                model = tf.keras.Sequential([
                    tf.keras.layers.InputLayer((2,), dtype="float16"),
                    tf.keras.layers.Dense(3, kernel_initializer="ones"),
                    tf.keras.layers.Dense(1, kernel_initializer="ones"),
                    tf.keras.layers.Lambda(lambda t: tf.cast(t, "float32"))])
                model.compile(mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.01), 128),
                              "mse")
                hist = model.fit(X.astype("float16"), Y, epochs=2, batch_size=2,
                                 verbose=0, shuffle=False)
                return {"history": hist.history, "weights": model.get_weights(),
                        "weight_types": [type(w).__name__ for w in model.weights],
                        "dtypes": [w.dtype.name for w in model.weights],
                        "predict": model.predict(X.astype("float16")),
                        "variables": sorted(v.op.name for v in tf.global_variables()),
                        "n_ops": len(g.get_operations()), "last_id": g._last_id}
    finally:
        mp.set_policy("infer")


def more_layers(tf):
    """Conv2D and Embedding under the policy; the RNN layers: given the policy as dtype
    their cell keeps the global one (plain float32 weights: float16 inputs fail at the
    MatMul), under the global policy SimpleRNN runs in float16 and LSTM fails on its
    kernel's slicing, as TF 1.14 does."""
    mp = tf.keras.mixed_precision.experimental
    policy = mp.Policy("infer_float32_vars")
    x4 = (np.arange(50, dtype="float32").reshape(1, 5, 5, 2) / 50.).astype("float16")
    x3 = (np.arange(6, dtype="float32").reshape(1, 3, 2) / 6.).astype("float16")
    out = {}

    def run(name, make, x, global_policy=False):
        if global_policy:
            mp.set_policy("infer_float32_vars")
        try:
            with tf.Graph().as_default():
                layer = make()
                try:
                    y = layer(tf.constant(x))
                except TypeError as e:
                    out[name] = ["TypeError", str(e),
                                 [type(w).__name__ for w in layer.weights]]
                    return
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    out[name] = [y.dtype.name, sess.run(y).astype("float32"),
                                 [type(w).__name__ for w in layer.weights]]
        finally:
            mp.set_policy("infer")

    L = tf.keras.layers
    run("conv", lambda: L.Conv2D(2, 3, dtype=policy, kernel_initializer="ones"), x4)
    run("embedding", lambda: L.Embedding(5, 3, dtype=policy,
                                         embeddings_initializer="ones"),
        np.array([[1, 2]], "int32"))
    run("simple_rnn_dtype", lambda: L.SimpleRNN(2, dtype=policy), x3)
    run("simple_rnn_global", lambda: L.SimpleRNN(2, kernel_initializer="ones",
                                                 recurrent_initializer="ones"), x3, True)
    run("lstm_global", lambda: L.LSTM(2), x3, True)
    return out


def embedding_ops(tf):
    """An Embedding under the policy reads its AutoCastVariable as a tensor in the lookup
    (ReadVariableOp, GatherV2), not a resource gather."""
    mp = tf.keras.mixed_precision.experimental
    with tf.Graph().as_default() as g:
        layer = tf.keras.layers.Embedding(5, 3, dtype=mp.Policy("infer_float32_vars"),
                                          embeddings_initializer="ones")
        layer(tf.constant(np.array([[1, 2]], "int32")))
        return [(op.name, op.type) for op in g.get_operations()]


def cases(tf):
    return {"dense_float16": dense(tf, "float16"), "dense_float32": dense(tf, "float32"),
            "normalization": normalization(tf), "int_weight_error": int_weight_error(tf),
            "fit": fit(tf), "more_layers": more_layers(tf),
            "embedding_ops": embedding_ops(tf)}
