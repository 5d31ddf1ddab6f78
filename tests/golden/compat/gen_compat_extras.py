"""TF 1.14's tf.compat helpers (forward_compatible and its horizon, dimension_value,
path_to_str, the type tuples), its GraphDef version constants, and which tf.io / top-level
names are the tf.image functions."""
from __future__ import absolute_import

import pathlib


def _names(types):
    return [t.__module__ + "." + t.__name__ for t in types]


def cases(tf):
    c = tf.compat
    out = {
        "forward_compatible": [c.forward_compatible(y, m, d) for y, m, d in (
            (2019, 6, 1), (2019, 10, 31), (2019, 11, 1), (2019, 11, 2), (2030, 1, 1))],
        "dimension_value": [c.dimension_value(tf.Dimension(3)),
                            c.dimension_value(tf.Dimension(None)), c.dimension_value(4),
                            c.dimension_value(None),
                            c.dimension_value(tf.TensorShape([5, None])[0])],
        "path_to_str": [c.path_to_str(pathlib.Path("./corpus/a")), c.path_to_str("./x/../y"),
                        c.path_to_str(7)],
        "types": [_names(c.integral_types), _names(c.real_types), _names(c.complex_types),
                  _names(c.bytes_or_text_types)],
        "graph_def_versions": [tf.GRAPH_DEF_VERSION, tf.GRAPH_DEF_VERSION_MIN_CONSUMER,
                               tf.GRAPH_DEF_VERSION_MIN_PRODUCER],
        "same_objects": [tf.io.decode_bmp is tf.image.decode_bmp,
                         tf.io.decode_gif is tf.image.decode_gif,
                         tf.io.is_jpeg is tf.image.is_jpeg,
                         tf.io.extract_jpeg_shape is tf.image.extract_jpeg_shape,
                         tf.io.decode_and_crop_jpeg is tf.image.decode_and_crop_jpeg,
                         tf.random_crop is tf.image.random_crop],
    }
    with c.forward_compatibility_horizon(2018, 1, 1):
        out["inside_horizon"] = [c.forward_compatible(2017, 12, 31),
                                 c.forward_compatible(2018, 1, 1)]
    out["after_horizon"] = c.forward_compatible(2019, 10, 31)
    return out
