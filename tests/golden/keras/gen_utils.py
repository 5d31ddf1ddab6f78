"""TF 1.14's tf.keras.utils beyond to_categorical: custom objects (CustomObjectScope,
custom_object_scope, get_custom_objects) in deserialization and model_from_json,
serialize/deserialize_keras_object and their errors, get_source_inputs, the enqueuers
(OrderedEnqueuer, GeneratorEnqueuer) over a Sequence and a generator, HDF5Matrix,
convert_all_kernels_in_model, normalize, and the errors of plot_model without pydot and
multi_gpu_model without GPUs.

    python tools/goldens.py regen keras/utils
"""
import os
import tempfile

import numpy as np


def _err(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e)]
    return None


def custom_objects(tf):
    U = tf.keras.utils

    def my_act(x):
        return tf.nn.relu(x) * 2.0

    class MyInit(tf.keras.initializers.Constant):
        pass

    out = {"empty": sorted(U.get_custom_objects())}
    with U.CustomObjectScope({"my_act": my_act}, {"MyInit": MyInit}):
        out["inside"] = sorted(U.get_custom_objects())
        out["act"] = tf.keras.activations.get("my_act") is my_act
        out["deser_fn"] = U.deserialize_keras_object("my_act") is my_act
        init = U.deserialize_keras_object({"class_name": "MyInit", "config": {"value": 3.0}})
        out["deser_cls"] = [type(init).__name__, init.get_config()]
    out["after"] = sorted(U.get_custom_objects())
    with U.custom_object_scope({"my_act": my_act}) as scope:
        out["scope_type"] = type(scope).__name__
        with tf.Graph().as_default():
            m = tf.keras.Sequential([tf.keras.layers.Dense(2, activation=my_act,
                                                           input_shape=(3,))])
            js = m.to_json()
            m2 = tf.keras.models.model_from_json(js)
            out["model_act"] = m2.layers[0].activation is my_act
    U.get_custom_objects()["my_act"] = my_act
    try:
        out["global_loss"] = tf.keras.losses.get("my_act") is my_act
    finally:
        del U.get_custom_objects()["my_act"]
    out["unknown"] = _err(lambda: tf.keras.activations.get("my_act"))
    out["errors"] = [
        _err(lambda: U.deserialize_keras_object("nothing", {}, None, "thing")),
        _err(lambda: U.deserialize_keras_object({"class_name": "X", "config": {}},
                                                printable_module_name="layer")),
        _err(lambda: U.deserialize_keras_object({"config": {}})),
        _err(lambda: U.deserialize_keras_object(3)),
        U.deserialize_keras_object(None)]
    out["serialize"] = [U.serialize_keras_object(tf.keras.initializers.Constant(2.)),
                        U.serialize_keras_object(tf.keras.activations.relu),
                        U.serialize_keras_object(None),
                        _err(lambda: U.serialize_keras_object(3))]
    return out


def source_inputs(tf):
    with tf.Graph().as_default():
        a = tf.keras.Input((3,), name="a")
        b = tf.keras.Input((3,), name="b")
        d = tf.keras.layers.Dense(2)
        x = d(a)
        y = tf.keras.layers.add([x, d(b)])
        z = tf.keras.layers.Dense(1)(y)
        plain = tf.constant([1.])
        return {"z": [t.name for t in tf.keras.utils.get_source_inputs(z)],
                "x": [t.name for t in tf.keras.utils.get_source_inputs(x)],
                "a": [t.name for t in tf.keras.utils.get_source_inputs(a)],
                "plain": tf.keras.utils.get_source_inputs(plain).name}


def _sequence(tf, log):
    class Seq(tf.keras.utils.Sequence):
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return np.full((2,), i, dtype="float32")

        def on_epoch_end(self):
            log.append("epoch_end")
    return Seq()


def enqueuers(tf):
    U = tf.keras.utils
    out = {}
    log = []
    enq = U.OrderedEnqueuer(_sequence(tf, log))
    out["before"] = enq.is_running()
    enq.start(workers=2, max_queue_size=3)
    out["running"] = enq.is_running()
    gen = enq.get()
    out["ordered"] = [next(gen).tolist() for _ in range(10)]
    enq.stop()
    out["stopped"] = enq.is_running()
    out["epoch_ends"] = log.count("epoch_end") >= 2

    def finite():
        for i in range(5):
            yield i * 10
    genq = U.GeneratorEnqueuer(finite())
    genq.start(workers=1, max_queue_size=2)
    out["generator"] = sorted(genq.get())
    genq.stop()
    out["isinstance"] = [isinstance(enq, U.SequenceEnqueuer),
                         isinstance(genq, U.SequenceEnqueuer)]
    return out


def enqueuers_mp(tf):
    # use_multiprocessing=True: the batches are made in forked worker processes
    U = tf.keras.utils
    out = {}
    log = []
    enq = U.OrderedEnqueuer(_sequence(tf, log), use_multiprocessing=True)
    enq.start(workers=2, max_queue_size=3)
    gen = enq.get()
    out["ordered"] = [next(gen).tolist() for _ in range(10)]
    enq.stop()
    out["stopped"] = enq.is_running()
    out["epoch_ends_here"] = log.count("epoch_end") >= 2   # run in this process

    def finite():
        for i in range(5):
            yield i * 10
    genq = U.GeneratorEnqueuer(finite(), use_multiprocessing=True)
    genq.start(workers=1, max_queue_size=2)
    out["generator"] = sorted(genq.get())
    genq.stop()
    return out


def fit_mp(tf):
    # fit_generator / evaluate_generator / predict_generator with worker processes
    K = tf.keras
    tf.set_random_seed(1)
    rs = np.random.RandomState(0)
    x = rs.rand(64, 4).astype("float32")
    y = (x.sum(1, keepdims=True) > 2).astype("float32")

    class Seq(K.utils.Sequence):
        def __init__(self, bs):
            self.bs = bs

        def __len__(self):
            return len(x) // self.bs

        def __getitem__(self, i):
            return x[i * self.bs:(i + 1) * self.bs], y[i * self.bs:(i + 1) * self.bs]

    def gen():
        i = 0
        while True:
            yield x[i % 4 * 16:(i % 4 + 1) * 16], y[i % 4 * 16:(i % 4 + 1) * 16]
            i += 1

    def finite():
        for i in range(3):
            yield x[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16]
    init = K.initializers.glorot_uniform
    m = K.Sequential([K.layers.Dense(3, activation="relu", input_shape=(4,),
                                     kernel_initializer=init(seed=1)),
                      K.layers.Dense(1, activation="sigmoid", kernel_initializer=init(seed=2))])
    m.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
    out = {}
    h = m.fit_generator(Seq(16), epochs=3, workers=2, use_multiprocessing=True, shuffle=False,
                        verbose=0, validation_data=Seq(32))
    out["seq"] = [h.history["loss"], h.history["val_loss"]]
    h = m.fit_generator(gen(), steps_per_epoch=4, epochs=2, workers=1,
                        use_multiprocessing=True, verbose=0)
    out["gen"] = h.history["loss"]
    out["evaluate"] = m.evaluate_generator(Seq(16), workers=2, use_multiprocessing=True)
    out["predict"] = m.predict_generator(Seq(16), workers=2, use_multiprocessing=True)
    out["finite"] = m.predict_generator(finite(), steps=3, workers=1,
                                        use_multiprocessing=True)
    return out


def hdf5_matrix(tf):
    import h5py
    path = os.path.join(tempfile.mkdtemp(), "data.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=np.arange(20, dtype="float32").reshape(10, 2))
    m = tf.keras.utils.HDF5Matrix(path, "x", start=2, end=8, normalizer=lambda v: v * 2)
    out = {"len": len(m), "shape": list(m.shape), "dtype": str(m.dtype), "ndim": m.ndim,
           "size": int(m.size), "slice": m[1:3], "int": m[0], "list": m[[0, 2]],
           "array": m[np.array([1, 4])], "open_slice": m[:2],
           "errors": [_err(lambda: m[6]), _err(lambda: m[2:9]), _err(lambda: m[[1, 7]])]}
    whole = tf.keras.utils.HDF5Matrix(path, "x")
    out["whole"] = [len(whole), whole[9]]
    return out


def kernels(tf):
    with tf.Graph().as_default():
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([
                tf.keras.layers.Conv2D(2, 2, input_shape=(4, 4, 1),
                                       kernel_initializer=tf.keras.initializers.Constant(
                                           np.arange(8.).reshape(2, 2, 1, 2))),
                tf.keras.layers.Flatten(), tf.keras.layers.Dense(1)])
            before = tf.keras.backend.get_value(m.layers[0].kernel)
            tf.keras.utils.convert_all_kernels_in_model(m)
            return {"before": before, "after": tf.keras.backend.get_value(m.layers[0].kernel)}


def misc(tf):
    U = tf.keras.utils
    out = {"normalize": [U.normalize(np.array([[3., 4.], [0., 0.]])),
                         U.normalize(np.array([[1., 2.], [3., 4.]]), axis=0, order=1)]}
    with tf.Graph().as_default():
        m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
        out["plot_model"] = _err(lambda: U.plot_model(m, to_file=os.path.join(
            tempfile.mkdtemp(), "m.png")))
        out["multi_gpu"] = [_err(lambda: U.multi_gpu_model(m, 1)),
                            _err(lambda: U.multi_gpu_model(m, [0])),
                            _err(lambda: U.multi_gpu_model(m, 2))]
    return out


def cases(tf):
    return {fn.__name__: fn(tf) for fn in (custom_objects, source_inputs, enqueuers,
                                           enqueuers_mp, fit_mp, hdf5_matrix, kernels,
                                           misc)}
