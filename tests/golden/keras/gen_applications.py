"""TF 1.14's tf.keras.applications (keras-applications 1.0.8 with TF's Keras modules):
for every architecture, built small (weights=None, small inputs, alpha for the
MobileNets), the layer count, parameter count, first and last layer names, the names and
shapes of all weights, the number of ops created (what graph-seeded initializers depend
on), and with tf.set_random_seed the model's output on a fixed input; preprocess_input of
each module on arrays and tensors (both data formats); decode_predictions with a fixed
class index and its error.

    python tools/goldens.py regen keras/applications
"""
import numpy as np

# (architecture, module, keyword arguments, compare outputs?)
SPECS = [
    ("VGG16", "vgg16", dict(include_top=True, input_shape=(32, 32, 3), classes=10), True),
    ("VGG19", "vgg19", dict(include_top=False, input_shape=(32, 32, 3), pooling="max"), True),
    ("ResNet50", "resnet50", dict(include_top=False, input_shape=(32, 32, 3)), True),
    ("InceptionV3", "inception_v3", dict(include_top=False, input_shape=(75, 75, 3)), True),
    ("InceptionResNetV2", "inception_resnet_v2",
     dict(include_top=False, input_shape=(75, 75, 3), pooling="avg"), True),
    ("Xception", "xception", dict(include_top=False, input_shape=(71, 71, 3)), True),
    ("MobileNet", "mobilenet",
     dict(include_top=True, input_shape=(32, 32, 3), alpha=0.25, classes=10), True),
    ("MobileNetV2", "mobilenet_v2",
     dict(include_top=True, input_shape=(32, 32, 3), alpha=0.35, classes=10), True),
    ("DenseNet121", "densenet", dict(include_top=False, input_shape=(32, 32, 3)), True),
    ("DenseNet169", "densenet",
     dict(include_top=True, input_shape=(32, 32, 3), classes=7), True),
    ("DenseNet201", "densenet", dict(include_top=False, input_shape=(32, 32, 3)), True),
    ("NASNetMobile", "nasnet", dict(include_top=False, input_shape=(32, 32, 3)), True),
    ("NASNetLarge", "nasnet", dict(include_top=False, input_shape=(32, 32, 3)), False),
]

BIG = ("InceptionResNetV2", "DenseNet169", "DenseNet201", "NASNetMobile", "NASNetLarge")


def _input(shape, n=2):
    return np.random.RandomState(7).uniform(-1.0, 1.0, (n,) + tuple(shape)).astype(np.float32)


def build(tf, name, with_output=True):
    """One architecture built in a fresh graph: its structure, and its seeded output."""
    spec = [s for s in SPECS if s[0] == name][0]
    _, module, kwargs, outputs = spec
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1234)
        fn = getattr(getattr(tf.keras.applications, module), name)
        model = fn(weights=None, **kwargs)
        out = {
            "n_layers": len(model.layers),
            "params": int(model.count_params()),
            "first_last": [model.layers[0].name, model.layers[-1].name],
            "weights": [[w.name, list(w.shape.as_list())] for w in model.weights],
            # ops ever created, what graph-seeded initializers depend on (TF: all of them;
            # flowgrad counts each of its single Cond ops as TF's Switch/Merge ops)
            "n_ops": g._last_id,
            "output_shape": list(model.output.shape.as_list()),
            "model_name": model.name,
        }
        if outputs and with_output:
            sess = tf.keras.backend.get_session()
            sess.run(tf.global_variables_initializer())
            x = _input(kwargs["input_shape"])
            out["output"] = model.predict(x)
    return out


def preprocess(tf):
    import keras_applications.imagenet_utils as iu
    A = tf.keras.applications
    x = np.random.RandomState(0).uniform(0, 255, (2, 4, 5, 3)).astype(np.float32)
    xf = np.transpose(x, (0, 3, 1, 2)).copy()
    out = {}
    for module in ["densenet", "inception_resnet_v2", "inception_v3", "mobilenet",
                   "mobilenet_v2", "nasnet", "resnet50", "vgg16", "vgg19", "xception"]:
        p = getattr(A, module).preprocess_input
        res = {"array": p(x.copy()),
               "array_nchw": p(xf.copy(), data_format="channels_first"),
               "int_array": p(np.arange(24).reshape(2, 2, 2, 3).astype("float64"))}
        for key, arr, fmt in [("tensor", x, None), ("tensor_nchw", xf, "channels_first")]:
            iu._IMAGENET_MEAN = None  # keras_applications caches it per process
            with tf.Graph().as_default():
                try:
                    t = p(tf.constant(arr), data_format=fmt)
                except ValueError as e:
                    res[key] = ["ValueError", str(e).split(" for ")[0]]
                    continue
                with tf.Session() as sess:
                    res[key] = [t.dtype.name, sess.run(t)]
        out[module] = res
    # the cached mean belongs to the graph that made it: another graph's tensor fails
    with tf.Graph().as_default():
        A.vgg16.preprocess_input(tf.constant(x))
    with tf.Graph().as_default():
        try:
            A.vgg16.preprocess_input(tf.constant(x))
            out["stale_mean"] = None
        except ValueError as e:
            out["stale_mean"] = ["ValueError", str(e)]
    iu._IMAGENET_MEAN = None
    return out


def decode(tf):
    import keras_applications.imagenet_utils as iu
    saved = iu.CLASS_INDEX
    iu.CLASS_INDEX = {str(i): ["n%08d" % i, "class_%d" % i] for i in range(1000)}
    try:
        preds = np.random.RandomState(3).uniform(0, 1, (2, 1000)).astype(np.float32)
        A = tf.keras.applications
        out = {"vgg16": A.vgg16.decode_predictions(preds),
               "resnet50_top3": A.resnet50.decode_predictions(preds, top=3),
               "nasnet": A.nasnet.decode_predictions(preds, top=2)}
        try:
            A.vgg16.decode_predictions(preds[:, :10])
        except ValueError as e:
            out["error"] = ["ValueError", str(e)]
        out = {k: [[list(t) for t in row] for row in v] if k != "error" else v
               for k, v in out.items()}
        for v in out.values():
            for row in v:
                for t in row:
                    if isinstance(t, list):
                        t[2] = float(t[2])
        return out
    finally:
        iu.CLASS_INDEX = saved


def errors(tf):
    A = tf.keras.applications
    out = {}
    calls = {
        "bad_weights": lambda: A.VGG16(weights="nothing"),
        "imagenet_classes": lambda: A.VGG16(weights="imagenet", classes=10),
        "too_small": lambda: A.ResNet50(weights=None, include_top=False,
                                        input_shape=(16, 16, 3)),
        "mobilenet_alpha": lambda: A.MobileNet(weights="imagenet", alpha=0.3,
                                               input_shape=(128, 128, 3)),
    }
    for k, call in calls.items():
        with tf.Graph().as_default():
            try:
                call()
                out[k] = None
            except Exception as e:  # noqa: BLE001 - the class and message are the golden
                out[k] = [type(e).__name__, str(e)]
    return out


def cases(tf):
    out = {"arch_" + s[0]: build(tf, s[0]) for s in SPECS}
    out["preprocess"] = preprocess(tf)
    out["decode"] = decode(tf)
    out["errors"] = errors(tf)
    return out
