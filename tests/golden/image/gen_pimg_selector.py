"""slim's inception_preprocessing under TF 1.14: apply_with_random_selector builds raw
control_flow_ops.switch / merge (one Switch per case, a Merge of the cases' results) to run
one of four resize methods and one of four colour orderings; the train and eval
preprocessing of a placeholder image (graph-seeded), with its image summaries, and the
selector inside a tf.data map."""
import importlib

import numpy as np

X = np.random.RandomState(0).randint(0, 256, (3, 30, 40, 3)).astype(np.uint8)


def _cfo(tf):
    """The control_flow_ops module of the tf given (the tests alias no TF module names)."""
    return importlib.import_module("flowgrad.ops.control_flow_ops" if tf.__name__ == "flowgrad"
                                   else "tensorflow.python.ops.control_flow_ops")


def _selector(tf, x, func, num_cases, seed=None):
    control_flow_ops = _cfo(tf)
    sel = tf.random_uniform([], maxval=num_cases, dtype=tf.int32, seed=seed)
    return control_flow_ops.merge([
        func(control_flow_ops.switch(x, tf.equal(sel, case))[1], case)
        for case in range(num_cases)])[0]


def _distort_color(tf, image, ordering):
    bright = lambda im: tf.image.random_brightness(im, max_delta=32. / 255.)  # noqa: E731
    sat = lambda im: tf.image.random_saturation(im, lower=0.5, upper=1.5)  # noqa: E731
    hue = lambda im: tf.image.random_hue(im, max_delta=0.2)  # noqa: E731
    con = lambda im: tf.image.random_contrast(im, lower=0.5, upper=1.5)  # noqa: E731
    orders = [[bright, sat, hue, con], [sat, bright, con, hue], [con, hue, bright, sat],
              [hue, sat, con, bright]]
    with tf.name_scope(None, "distort_color", [image]):
        for f in orders[ordering]:
            image = f(image)
        return tf.clip_by_value(image, 0.0, 1.0)


def _train(tf, image, height, width, bbox, summaries=True):
    with tf.name_scope(None, "distort_image", [image, height, width, bbox]):
        image = tf.image.convert_image_dtype(image, dtype=tf.float32)
        if summaries:
            tf.summary.image("image_with_bounding_boxes",
                             tf.image.draw_bounding_boxes(tf.expand_dims(image, 0), bbox))
        begin, size, _ = tf.image.sample_distorted_bounding_box(
            tf.shape(image), bounding_boxes=bbox, min_object_covered=0.1,
            aspect_ratio_range=(0.75, 1.33), area_range=(0.05, 1.0), max_attempts=100,
            use_image_if_no_bounding_boxes=True, seed=13)
        image = tf.slice(image, begin, size)
        image.set_shape([None, None, 3])
        image = _selector(tf, image, lambda x, m: tf.image.resize_images(x, [height, width], m),
                          4)
        if summaries:
            tf.summary.image("cropped_resized_image", tf.expand_dims(image, 0))
        image = tf.image.random_flip_left_right(image)
        image = _selector(tf, image, lambda x, o: _distort_color(tf, x, o), 4)
        if summaries:
            tf.summary.image("final_distorted_image", tf.expand_dims(image, 0))
        return tf.multiply(tf.subtract(image, 0.5), 2.0)


def _eval(tf, image, height, width):
    image = tf.image.convert_image_dtype(image, dtype=tf.float32)
    image = tf.image.central_crop(image, central_fraction=0.875)
    image = tf.image.resize_bilinear(tf.expand_dims(image, 0), [height, width],
                                     align_corners=False)
    return tf.multiply(tf.subtract(tf.squeeze(image, [0]), 0.5), 2.0)


def inception(tf):
    """[train name, shape], per image [train, eval], and the merged summary's size."""
    with tf.Graph().as_default():
        tf.set_random_seed(2019)
        p = tf.placeholder(tf.uint8, [None, None, 3])
        tr = _train(tf, p, 16, 16, tf.constant([[[0.1, 0.2, 0.8, 0.9]]]))
        ev = _eval(tf, p, 16, 16)
        summ = tf.summary.merge_all()
        out = [tr.name, tr.shape.as_list(), ev.shape.as_list()]
        with tf.Session() as sess:
            for i in range(3):
                out.append(sess.run([tr, ev], {p: X[i]}))
            out.append(len(sess.run(summ, {p: X[0]})))
        return out


def selector_in_map(tf):
    """The selector in a tf.data map: op-seeded, graph-seeded, and (unseeded) random ops
    made after it; four elements each."""
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    out = []
    for seed in (7, None):
        with tf.Graph().as_default():
            tf.set_random_seed(3)
            ds = tf.data.Dataset.from_tensor_slices(x).map(lambda v: (
                _selector(tf, v, lambda t, c: t * (c + 1.0), 3, seed), tf.random_uniform([])))
            nxt = ds.make_one_shot_iterator().get_next()
            with tf.Session() as sess:
                out.append([list(sess.run(nxt)) for _ in range(4)])
    return out


def merge_api(tf):
    """switch's and merge's results: names, dtypes, the value_index, the dead output."""
    control_flow_ops = _cfo(tf)
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        f, t = control_flow_ops.switch(x, tf.constant(True))
        m, idx = control_flow_ops.merge([f * 2.0, t * 3.0])
        out = [f.name, t.name, m.name, idx.name, idx.dtype.name, m.shape.as_list()]
        with tf.Session() as sess:
            out.append(sess.run([m, idx]))
            try:
                sess.run(f)
            except tf.errors.InvalidArgumentError as e:
                out.append([type(e).__name__, str(e).split("\n")[0]])
        try:
            control_flow_ops.merge([x, None])
        except ValueError as e:
            out.append(["ValueError", str(e)[:40]])
        return out


CASES = {"inception": inception, "selector_in_map": selector_in_map, "merge_api": merge_api}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(CASES.items())}
