"""TF 1.14's tf.keras.activations.relu (and tf.keras.backend.relu) with alpha, max_value
and threshold: values, gradients, the ops each form builds (leaky_relu, relu6, the
threshold mask, clip_by_value, the negative part), and a float64 input with a threshold
(the float32 mask: TF's TypeError)."""
import numpy as np

X = np.array([[-3., -1., -0.5, 0., 0.25, 0.5, 1., 2.5, 6., 7.5]], "float32")
FORMS = [{}, {"alpha": 0.1}, {"max_value": 6}, {"max_value": 1.5}, {"threshold": 0.5},
         {"alpha": 0.2, "max_value": 2.}, {"alpha": 0.3, "threshold": 0.25},
         {"alpha": 0.1, "max_value": 6, "threshold": -1.}, {"max_value": 2, "threshold": 1},
         {"alpha": 0.5, "max_value": 6}]


def forms(tf, fn):
    out = []
    for kw in FORMS:
        with tf.Graph().as_default() as g:
            x = tf.constant(X)
            y = fn(tf)(x, **kw)
            gx = tf.gradients(y * tf.constant(np.arange(1., 11., dtype="float32")), x)[0]
            ops = [op.type for op in g.get_operations()
                   if not op.name.startswith("gradients")]
            with tf.Session() as s:
                out.append([y.dtype.name, ops] + s.run([y, gx]))
    return out


def errors(tf):
    out = []
    for kw in ({"threshold": 0.5}, {"alpha": 0.1, "max_value": 3.}):
        with tf.Graph().as_default():
            try:
                y = tf.keras.activations.relu(tf.constant(X.astype("float64")), **kw)
                with tf.Session() as s:
                    out.append([y.dtype.name, s.run(y)])
            except TypeError as e:
                out.append(e)
    return out


def cases(tf):
    return {"activations": forms(tf, lambda tf: tf.keras.activations.relu),
            "backend": forms(tf, lambda tf: tf.keras.backend.relu), "errors": errors(tf)}
