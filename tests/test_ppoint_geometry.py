"""Point-cloud, voxel and spatial-transformer programs (DGCNN's kNN and edge features,
farthest-point sampling, VoxNet / 3D U-Net / C3D pieces, a spatial transformer and
dense_image_warp; tests/golden/nn/gen_ppoint_geometry.py): op counts, op names, seeded
values and gradients to TF 1.14's bits."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("nn", "ppoint_geometry")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    got = goldens.flowgrad_cases("nn", "ppoint_geometry", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)
