"""tf.contrib.image: TF 1.14's contrib/image: projective transforms (transform, rotate,
translate and the transform helpers). Absent: bipartite_match, connected_components,
dense_image_warp, interpolate_spline, single_image_random_dot_stereograms,
sparse_image_warp.
"""
from ...ops.image_transform_ops import (angles_to_projective_transforms, compose_transforms,
                                        flat_transforms_to_matrices,
                                        matrices_to_flat_transforms, rotate, transform,
                                        translate, translations_to_projective_transforms)

__all__ = ["angles_to_projective_transforms", "compose_transforms",
           "flat_transforms_to_matrices", "matrices_to_flat_transforms", "rotate", "transform",
           "translate", "translations_to_projective_transforms"]
