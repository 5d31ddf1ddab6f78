"""TF 1.14's control_flow_ops.switch and merge built by a script, as slim's
inception_preprocessing builds them (apply_with_random_selector: a random case index, one
Switch per case, a Merge of the cases' results): names, static shapes, op ids, values
when the predicate is fed, and the numbers of seeded random ops in the cases (an untaken
case's ops do not run, so they draw nothing). tests/test_pslim_switch_merge.py runs the
same cases with flowgrad."""
from __future__ import absolute_import

import importlib

import numpy as np


def _cfo(tf):
    """TF's tensorflow.python.ops.control_flow_ops (flowgrad's flowgrad.ops one)."""
    return importlib.import_module(
        "tensorflow.python.ops.control_flow_ops" if tf.__name__ == "tensorflow"
        else tf.__name__ + ".ops.control_flow_ops")


def fed(tf):
    """switch/merge of a fed predicate: both branches' values, value_index, names, shapes."""
    cfo = _cfo(tf)
    with tf.Graph().as_default() as g:
        x = tf.constant([1.0, 2.0, 3.0])
        p = tf.placeholder(tf.bool, [])
        f, t = cfo.switch(x, p)
        out, idx = cfo.merge([f * 10.0, t + 1.0])
        info = {"names": [f.name, t.name, out.name, idx.name],
                "shapes": [str(f.shape), str(out.shape), str(idx.shape)],
                "dtypes": [out.dtype.name, idx.dtype.name], "version": g.version}
        with tf.Session() as s:
            for v in (True, False):
                o, i = s.run([out, idx], {p: v})
                info[str(v)] = [o, int(i)]
    return info


def refs(tf):
    """Variables switched and merged: TF reads them as refs (a Switch of 'x:0'; a RefMerge
    when every input is a ref), and a Switch's pred must be bool."""
    cfo = _cfo(tf)
    out = {}
    with tf.Graph().as_default():
        x = tf.Variable([1.0, 2.0], name="x")
        y = tf.Variable([3.0, 4.0], name="y")
        p = tf.placeholder(tf.bool, [])
        for key, t in (("switch", cfo.switch(x, p)[1]), ("merge_refs", cfo.merge([x, y])[0]),
                       ("merge_mixed", cfo.merge([x, tf.constant([1.0, 1.0])])[0]),
                       ("switch_py", cfo.switch([1.0, 2.0], True, dtype=tf.float64,
                                                name="sw")[0])):
            out[key] = [t.op.type, [i.name for i in t.op.inputs], t.dtype.name, t.name]
        try:
            cfo.switch(x, 1.0)
        except TypeError as e:
            out["bad_pred"] = str(e)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            out["taken"] = s.run(cfo.merge([cfo.switch(x, p)[1] * 2.0,
                                            cfo.switch(y, p)[0]])[0], {p: True})
    return out


def grads(tf):
    """tf.gradients of a Merge (and of a value after it) to the switched tensor, per branch
    (values only: TF's gradient graph, Merges and Switches of the gradients, is flowgrad's
    one V1FramesGrad op)."""
    cfo = _cfo(tf)
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        p = tf.placeholder(tf.bool, [])
        f, t = cfo.switch(x, p)
        out = cfo.merge([f * 3.0, tf.square(t)])[0]
        g_in = tf.gradients(out, x)[0]
        g_after = tf.gradients(tf.reduce_sum(out * out), x)[0]
        with tf.Session() as s:
            return {str(v): s.run([g_in, g_after], {p: v}) for v in (True, False)}


def _selector(tf, x, func, num_cases):
    cfo = _cfo(tf)
    sel = tf.random_uniform([], maxval=num_cases, dtype=tf.int32)
    return cfo.merge([func(cfo.switch(x, tf.equal(sel, case))[1], case)
                      for case in range(num_cases)])[0]


def _color(tf, image, ordering):
    if ordering == 0:
        image = tf.image.random_brightness(image, max_delta=32. / 255.)
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
    elif ordering == 1:
        image = tf.image.random_saturation(image, lower=0.5, upper=1.5)
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
    elif ordering == 2:
        image = tf.image.random_contrast(image, lower=0.5, upper=1.5)
        image = tf.image.random_hue(image, max_delta=0.2)
    else:
        image = tf.image.random_hue(image, max_delta=0.2)
        image = tf.image.random_brightness(image, max_delta=32. / 255.)
    return tf.clip_by_value(image, 0.0, 1.0)


def random_selector(tf):
    """Resize by a random method, flip, distort colour in a random order (4 cases each)
    under a graph seed, 4 runs; then a random op made after the Merges."""
    pix = np.random.RandomState(0).randint(0, 256, (10, 8, 3)).astype(np.uint8)
    with tf.Graph().as_default() as g:
        tf.set_random_seed(11)
        img = tf.image.convert_image_dtype(tf.constant(pix), tf.float32)
        img = _selector(tf, img, lambda x, m: tf.image.resize_images(x, [6, 6], m), 4)
        img = tf.image.random_flip_left_right(img)
        img = _selector(tf, img, lambda x, o: _color(tf, x, o), 4)
        after = tf.random_uniform([3])
        info = {"shape": str(img.shape), "version": g.version, "runs": []}
        with tf.Session() as s:
            for _ in range(4):
                a, b = s.run([img, after])
                info["runs"].append([a, b])
    return info


def cases(tf):
    return {"fed": fed(tf), "random_selector": random_selector(tf), "refs": refs(tf),
            "grads": grads(tf)}
