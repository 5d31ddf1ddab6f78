"""Edges of three array ops under TF 1.14: MatrixBandPart's kernel refuses a num_lower above
the rows or a num_upper above the columns (InvalidArgumentError, num_lower checked first,
an empty matrix too); tf.meshgrid of Python scalars (stack() of a scalar is one Const)
gives [1, 1] grids; tf.split with size_splits whose length is not num refuses with "Length
of size_splits should be equal to num_outputs" (after the axis range check). Each case: the
values (with the ops built) or the error. Made on an Intel Xeon ("host": exact values).
test_manip_edges.py reruns them with flowgrad."""
from c2kit import run_cases
from goldenio import host_vendor

CASES = {
    "band_part_at_bounds": lambda tf: tf.matrix_band_part(tf.ones([2, 3, 4]), 3, 4),
    "band_part_empty": lambda tf: tf.matrix_band_part(tf.ones([2, 0, 2]), 0, -1),
    "meshgrid_scalars": lambda tf: tf.meshgrid(1, 2),
    "meshgrid_scalar_ij": lambda tf: tf.meshgrid(2.5, [1.0, 2.0], indexing="ij"),
    "split_sizes_unknown_dim": lambda tf: tf.split(
        tf.placeholder_with_default(tf.ones([6, 3]), [None, 3]), [1, 5], 0, num=2),
}

ERRORS = {
    "band_part_lower": lambda tf: tf.matrix_band_part(tf.ones([2, 3, 4]), 4, 5),
    "band_part_upper": lambda tf: tf.matrix_band_part(tf.ones([2, 3, 4]), 3, 5),
    "band_part_empty_rows": lambda tf: tf.matrix_band_part(tf.ones([2, 0, 2]), 1, 0),
    "split_sizes_length": lambda tf: tf.split(tf.ones([2, 3, 4]), [1, 1], 0, num=3),
    "split_two_unknown_length": lambda tf: tf.split(tf.ones([2, 3, 4]), [-1, -1], 0, num=3),
    "split_sizes_length_unknown_dim": lambda tf: tf.split(
        tf.placeholder(tf.float32, [None, 3]), [1, 1], 0, num=3),
    "split_axis_first": lambda tf: tf.split(tf.ones([2, 3, 4]), [1, 1], 5, num=3),
}


def cases(tf):
    out = run_cases(tf, CASES, ERRORS)
    out["host"] = host_vendor()
    return out
