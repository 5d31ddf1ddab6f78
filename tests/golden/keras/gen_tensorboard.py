"""TF 1.14's graph-mode Keras TensorBoard callback (keras/callbacks_v1.py): the events of
histogram_freq (weight and layer-output histograms at each validation batch), write_grads
(gradient histograms), write_images (weight images), with fixed initial weights; and what
profile_batch writes (a `.profile-empty` event file and plugins/profile/<time>/local.trace,
a tensorflow.profiler.Trace) for several profile_batch values."""
import os
import socket
import struct
import tempfile

import numpy as np


def _records(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos + 12 <= len(data):
        n = struct.unpack("<Q", data[pos:pos + 8])[0]
        yield data[pos + 12:pos + 12 + n]
        pos += 12 + n + 4


def _value(tf, v):
    if v.HasField("histo"):
        h = v.histo
        return ["histo", float(h.min), float(h.max), float(h.num), float(h.sum),
                float(h.sum_squares), [float(b) for b in h.bucket_limit],
                [float(b) for b in h.bucket]]
    if v.HasField("image"):
        im = v.image
        with tf.Graph().as_default():
            with tf.Session() as sess:
                pixels = sess.run(tf.image.decode_png(im.encoded_image_string))
        return ["image", int(im.height), int(im.width), int(im.colorspace),
                pixels[..., 0].tolist()]
    return ["scalar", float(v.simple_value)]


def _events(tf, d):
    """[kind, step, tag, value] of every event, file by file in name order."""
    out = []
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if "tfevents" not in name or not os.path.isfile(path):
            continue
        for rec in _records(path):
            e = tf.summary.Event()
            e.ParseFromString(rec)
            if e.HasField("file_version"):
                out.append(["file_version", int(e.step), e.file_version])
            if e.HasField("graph_def"):
                out.append(["graph", int(e.step)])
            if e.HasField("meta_graph_def"):
                out.append(["meta_graph", int(e.step)])
            for v in e.summary.value:
                out.append([v.tag, int(e.step), _value(tf, v)])
    return out


def _model(tf, conv=False):
    L = tf.keras.layers
    if conv:
        layers = [L.Conv2D(2, 3, activation="relu", input_shape=(5, 5, 1)), L.Flatten(),
                  L.Dense(2, activation="softmax")]
    else:
        layers = [L.Dense(3, activation="relu", input_shape=(4,)),
                  L.Dense(2, activation="softmax")]
    m = tf.keras.Sequential(layers)
    rs = np.random.RandomState(7)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])
    m.compile(tf.keras.optimizers.SGD(0.1), "categorical_crossentropy")
    return m


def _data(conv, n):
    rs = np.random.RandomState(8)
    x = rs.rand(n, 5, 5, 1) if conv else rs.rand(n, 4)
    y = np.eye(2)[rs.randint(0, 2, n)]
    return x.astype("float32"), y.astype("float32")


def _histograms(tf, conv=False, **kw):
    d = tempfile.mkdtemp()
    m = _model(tf, conv)
    x, y = _data(conv, 12)
    np.random.seed(1)
    m.fit(x[:8], y[:8], batch_size=4, epochs=3, verbose=0, shuffle=False,
          validation_data=(x[8:], y[8:]),
          callbacks=[tf.keras.callbacks.TensorBoard(d, profile_batch=0, write_graph=False,
                                                    batch_size=2, **kw)])
    return _events(tf, d)


def _no_validation(tf):
    d = tempfile.mkdtemp()
    m = _model(tf)
    x, y = _data(False, 8)
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False,
          callbacks=[tf.keras.callbacks.TensorBoard(d, histogram_freq=1, profile_batch=0,
                                                    write_graph=False)])
    return _events(tf, d)


def _profile(tf, profile_batch, epochs=2, validation=False):
    """The files profile_batch writes: relative paths with the time stamps replaced, the
    .profile-empty file's events, and per trace its devices' and resources' names and the
    number of Session runs it holds."""
    from flowgrad_trace_reader import read_trace  # tests/golden/keras/flowgrad_trace_reader.py
    d = tempfile.mkdtemp()
    m = _model(tf)
    x, y = _data(False, 12)
    val = {"validation_data": (x[:4], y[:4])} if validation else {}
    m.fit(x, y, batch_size=4, epochs=epochs, verbose=0, shuffle=False,
          callbacks=[tf.keras.callbacks.TensorBoard(d, profile_batch=profile_batch,
                                                    write_graph=False)], **val)
    files, traces, empty = [], [], []
    for root, _, names in sorted(os.walk(d)):
        for name in sorted(names):
            rel = os.path.relpath(os.path.join(root, name), d).split(os.sep)
            if rel[0].startswith("events.out.tfevents."):
                stamp, host = name.split(".")[3], socket.gethostname()
                ok = len(stamp) == 10 and stamp.isdigit() and name.startswith(
                    "events.out.tfevents." + stamp + "." + host)
                rel = ["events.out.tfevents.TIME.HOST" + name[len(
                    "events.out.tfevents." + stamp + "." + host):] if ok else name]
                if name.endswith(".profile-empty"):
                    empty = [[f.name for f, _ in tf.summary.Event.FromString(r).ListFields()]
                             for r in _records(os.path.join(root, name))]
            elif rel[:2] == ["plugins", "profile"]:
                rel = rel[:2] + ["TIME"] + rel[3:]
                with open(os.path.join(root, name), "rb") as f:
                    traces.append(read_trace(f.read()))
            files.append("/".join(rel))
    return {"files": files, "empty": empty, "traces": traces}


def cases(tf):
    out = {}
    for name, fn in [
            ("histograms", lambda: _histograms(tf, histogram_freq=1)),
            ("every_second_epoch", lambda: _histograms(tf, histogram_freq=2)),
            ("grads_images", lambda: _histograms(tf, histogram_freq=1, write_grads=True,
                                                 write_images=True)),
            ("conv_images", lambda: _histograms(tf, conv=True, histogram_freq=1,
                                                write_images=True)),
            ("no_validation", lambda: _no_validation(tf)),
            ("profile_2", lambda: _profile(tf, 2)),
            ("profile_1", lambda: _profile(tf, 1)),
            ("profile_0", lambda: _profile(tf, 0)),
            ("profile_4_validation", lambda: _profile(tf, 4, validation=True)),
            ("profile_at_end", lambda: _profile(tf, 4, epochs=1)),
            ("profile_past_end", lambda: _profile(tf, 7, epochs=1))]:
        with tf.Graph().as_default():
            with tf.Session():
                out[name] = fn()
    return out
