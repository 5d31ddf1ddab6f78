"""tf.contrib.image: TF 1.14's contrib/image: projective transforms (transform, rotate,
translate and the transform helpers), connected_components, and the warps
(dense_image_warp, interpolate_spline, sparse_image_warp), bipartite_match. Absent:
single_image_random_dot_stereograms.
"""
from ...ops.image_segmentation_ops import bipartite_match, connected_components
from ...ops.image_transform_ops import (angles_to_projective_transforms, compose_transforms,
                                        flat_transforms_to_matrices,
                                        matrices_to_flat_transforms, rotate, transform,
                                        translate, translations_to_projective_transforms)
from ._warp import dense_image_warp, interpolate_spline, sparse_image_warp

__all__ = ["angles_to_projective_transforms", "bipartite_match", "compose_transforms",
           "connected_components",
           "dense_image_warp", "interpolate_spline", "sparse_image_warp",
           "flat_transforms_to_matrices", "matrices_to_flat_transforms", "rotate", "transform",
           "translate", "translations_to_projective_transforms"]
