"""TF 1.14's Keras optimizers given a reference tf.Variable (graph mode): the error each
raises (class, message) and the ops left in the graph (test_keras_optimizers.py)."""
import numpy as np

MAKERS = {
    "Adadelta": lambda tf: tf.keras.optimizers.Adadelta(),
    "Adagrad": lambda tf: tf.keras.optimizers.Adagrad(),
    "Adam": lambda tf: tf.keras.optimizers.Adam(),
    "Adam_amsgrad": lambda tf: tf.keras.optimizers.Adam(amsgrad=True),
    "Adamax": lambda tf: tf.keras.optimizers.Adamax(),
    "Ftrl": lambda tf: tf.keras.optimizers.Ftrl(0.1),
    "Nadam": lambda tf: tf.keras.optimizers.Nadam(),
    "RMSprop_centered": lambda tf: tf.keras.optimizers.RMSprop(centered=True, momentum=0.5),
    "SGD": lambda tf: tf.keras.optimizers.SGD(0.1),
    "SGD_momentum": lambda tf: tf.keras.optimizers.SGD(0.1, momentum=0.9),
}


def _apply(tf, make, sparse):
    v = tf.Variable(np.ones((3, 2), np.float32), name="v")
    if sparse:
        grad = tf.IndexedSlices(tf.ones((1, 2)), tf.constant([0]))
    else:
        grad = tf.ones((3, 2))
    make(tf).apply_gradients([(grad, v)])


def _minimize_tensor_loss(tf):
    v = tf.Variable(2.0, name="v")
    tf.keras.optimizers.Adam().minimize(v * v, [v])


def _minimize_fn_loss(tf):
    v = tf.Variable(2.0, name="v")
    tf.keras.optimizers.SGD(0.1).minimize(lambda: v * v, [v])


def _minimize_callable_var_list(tf):
    v = tf.Variable(2.0, name="v")
    tf.keras.optimizers.Adam().minimize(lambda: v * v, lambda: [v])


def _get_updates(tf):
    v = tf.Variable(2.0, name="v")
    tf.keras.optimizers.Adam().get_updates(v * v, [v])


def _resource_tensor_loss(tf):
    v = tf.get_variable("v", initializer=2.0, use_resource=True)
    tf.keras.optimizers.Adam().minimize(v * v, [v])


def run(tf, fn):
    """{'error': class name, 'message', 'ops': names} of fn(tf) in a fresh graph."""
    with tf.Graph().as_default() as g:
        try:
            fn(tf)
            out = {"error": None, "message": None}
        except Exception as e:  # noqa: BLE001 - the case is the error
            out = {"error": type(e).__name__, "message": str(e)}
        out["ops"] = [op.name for op in g.get_operations()]
    return out


def calls():
    """{case name: function of tf}."""
    out = {}
    for name, make in MAKERS.items():
        out[name + "/dense"] = lambda tf, make=make: _apply(tf, make, False)
        out[name + "/sparse"] = lambda tf, make=make: _apply(tf, make, True)
    out["minimize/tensor_loss"] = _minimize_tensor_loss
    out["minimize/fn_loss"] = _minimize_fn_loss
    out["minimize/resource_tensor_loss"] = _resource_tensor_loss
    out["minimize/callable_var_list"] = _minimize_callable_var_list
    out["get_updates"] = _get_updates
    return out


def cases(tf):
    return {name: run(tf, fn) for name, fn in calls().items()}
