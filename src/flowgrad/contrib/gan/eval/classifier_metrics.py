"""TF-GAN's classifier metrics (TF 1.14 contrib/gan/python/eval/python/
classifier_metrics_impl.py): the classifier score (Inception score,
https://arxiv.org/abs/1606.03498), the Frechet distance (https://arxiv.org/abs/1706.08500)
and the kernel distance (https://arxiv.org/abs/1801.01401) of a classifier's logits or
activations, in float64 as TF. The Inception network TF downloads is not available: the
Inception functions work with a `graph_def` given, and raise NotImplementedError where TF
would download it."""
from __future__ import annotations

import functools
import os
import tarfile

from .... import gfile
from ....engine.framework import dtypes
from ....engine.framework import graph as _g
from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.ops.construction import range as _range
from ....engine.ops.linalg import matmul
from ....engine.ops.linalg_decomp import svd
from ....engine.ops.matrix import diag
from ....ops import array_ops, math_ops, nn_ops
from ....ops.control_flow_ops import cond
from ....ops.functional_ops import map_fn
from ....ops.math_extras import trace
from ...layers import layers

__all__ = [
    "get_graph_def_from_disk", "get_graph_def_from_resource", "get_graph_def_from_url_tarball",
    "preprocess_image", "run_image_classifier", "run_inception", "inception_score",
    "classifier_score", "classifier_score_from_logits", "frechet_inception_distance",
    "frechet_classifier_distance", "frechet_classifier_distance_from_activations",
    "mean_only_frechet_classifier_distance_from_activations",
    "diagonal_only_frechet_classifier_distance_from_activations",
    "kernel_inception_distance", "kernel_inception_distance_and_std",
    "kernel_classifier_distance", "kernel_classifier_distance_and_std",
    "kernel_classifier_distance_from_activations",
    "kernel_classifier_distance_and_std_from_activations", "INCEPTION_DEFAULT_IMAGE_SIZE",
]

INCEPTION_URL = "http://download.tensorflow.org/models/frozen_inception_v1_2015_12_05.tar.gz"
INCEPTION_FROZEN_GRAPH = "inceptionv1_for_inception_score.pb"
INCEPTION_INPUT = "Mul:0"
INCEPTION_OUTPUT = "logits:0"
INCEPTION_FINAL_POOL = "pool_3:0"
INCEPTION_DEFAULT_IMAGE_SIZE = 299


def _graph_def_class():
    from tensorboard.compat.proto import graph_pb2   # lazy: optional (summary extra)
    return graph_pb2.GraphDef


def _validate_images(images, image_size):
    images = convert_to_tensor(images)
    images.shape.with_rank(4)
    images.shape.assert_is_compatible_with([None, image_size, image_size, None])
    return images


def _symmetric_matrix_square_root(mat, eps=1e-10):
    """The square root of a symmetric positive semi-definite `mat` by its SVD (singular
    values under `eps` kept as they are)."""
    s, u, v = svd(mat)
    si = array_ops.where(math_ops.less(s, eps), s, math_ops.sqrt(s))
    return matmul(matmul(u, diag(si)), v, transpose_b=True)


def preprocess_image(images, height=INCEPTION_DEFAULT_IMAGE_SIZE,
                     width=INCEPTION_DEFAULT_IMAGE_SIZE, scope=None):
    """`images` resized bilinearly to [height, width] and scaled to [-1, 1]."""
    from .... import image as image_ops   # lazy: the image package loads late
    is_single = images.shape.ndims == 3
    with _g.name_scope(scope, "preprocess", [images, height, width]):
        if not images.dtype.is_floating:
            images = math_ops.cast(images, dtypes.float32)
        if is_single:
            images = array_ops.expand_dims(images, axis=0)
        resized = image_ops.resize_bilinear(images, [height, width])
        resized = (resized - 128.0) / 128.0
        if is_single:
            resized = array_ops.squeeze(resized, axis=0)
        return resized


def _kl_divergence(p, p_logits, q):
    """KL(p || q) of each row of `p` (softmax of `p_logits`) against `q`."""
    for tensor in [p, p_logits, q]:
        if not tensor.dtype.is_floating:
            raise ValueError("Input %s must be floating type.", tensor.name)
    p.shape.assert_has_rank(2)
    p_logits.shape.assert_has_rank(2)
    q.shape.assert_has_rank(1)
    return math_ops.reduce_sum(p * (nn_ops.log_softmax(p_logits) - math_ops.log(q)), axis=1)


def get_graph_def_from_disk(filename):
    """The GraphDef in file `filename`."""
    with gfile.GFile(filename, "rb") as f:
        return _graph_def_class().FromString(f.read())


def get_graph_def_from_resource(filename):
    """The GraphDef in TF's resource `filename` (TF's resource_loader: the file under TF's
    package folder); flowgrad has no such resources."""
    raise NotImplementedError(
        "flowgrad does not implement tensorflow.contrib.gan.eval.get_graph_def_from_resource "
        "(TF's package resources)")


def get_graph_def_from_url_tarball(url, filename, tar_filename=None):
    """The GraphDef `filename` in the gzipped tarball `tar_filename`; flowgrad does not
    download `url` when that file is absent."""
    if not (tar_filename and os.path.exists(tar_filename)):
        raise NotImplementedError(
            "flowgrad does not implement tensorflow.contrib.gan.eval."
            f"get_graph_def_from_url_tarball's download of {url}: give an existing tar_filename")
    with tarfile.open(tar_filename, "r:gz") as tar:
        proto_str = tar.extractfile(filename).read()
    return _graph_def_class().FromString(proto_str)


def _default_graph_def_fn():
    return get_graph_def_from_url_tarball(INCEPTION_URL, INCEPTION_FROZEN_GRAPH,
                                          os.path.basename(INCEPTION_URL))


def run_inception(images, graph_def=None, default_graph_def_fn=_default_graph_def_fn,
                  image_size=INCEPTION_DEFAULT_IMAGE_SIZE, input_tensor=INCEPTION_INPUT,
                  output_tensor=INCEPTION_OUTPUT):
    """The Inception network `graph_def` (by default TF's download) run on `images`."""
    images = _validate_images(images, image_size)
    if graph_def is None:
        if default_graph_def_fn is None:
            raise ValueError("If `graph_def` is `None`, must provide `default_graph_def_fn`.")
        graph_def = default_graph_def_fn()
    activations = run_image_classifier(images, graph_def, input_tensor, output_tensor)
    # (TF compares a rank Tensor with 2: always unequal, so every output is flattened)
    if isinstance(activations, list):
        for i, activation in enumerate(activations):
            if array_ops.rank(activation) != 2:
                activations[i] = layers.flatten(activation)
    elif array_ops.rank(activations) != 2:
        activations = layers.flatten(activations)
    return activations


def run_image_classifier(tensor, graph_def, input_tensor, output_tensor,
                         scope="RunClassifier"):
    """The `output_tensor`(s) of `graph_def` imported with `input_tensor` mapped to `tensor`."""
    from ....graph_util import import_graph_def   # lazy: graph_util loads on first use
    is_singleton = isinstance(output_tensor, str)
    if is_singleton:
        output_tensor = [output_tensor]
    outputs = import_graph_def(graph_def, {input_tensor: tensor}, output_tensor, name=scope)
    return outputs[0] if is_singleton else outputs


def _run_classifier(elems, classifier_fn):
    return map_fn(fn=classifier_fn, elems=elems, parallel_iterations=1, back_prop=False,
                  swap_memory=True, name="RunClassifier")


def _unbatched(values):
    return array_ops.concat(array_ops.unstack(values), 0)


def _activations(real_images, generated_images, classifier_fn, num_batches):
    """`classifier_fn`'s activations of both image batches, in `num_batches` each (TF's
    op order: both splits, both stacks, both map_fns, both concats)."""
    real_images_list = array_ops.split(real_images, num_or_size_splits=num_batches)
    generated_images_list = array_ops.split(generated_images, num_or_size_splits=num_batches)
    real_imgs = array_ops.stack(real_images_list)
    generated_imgs = array_ops.stack(generated_images_list)
    real_a = _run_classifier(real_imgs, classifier_fn)
    gen_a = _run_classifier(generated_imgs, classifier_fn)
    return _unbatched(real_a), _unbatched(gen_a)


def classifier_score(images, classifier_fn, num_batches=1):
    """The classifier score of `classifier_fn`'s logits of `images` (in `num_batches`)."""
    images_list = array_ops.split(images, num_or_size_splits=num_batches)
    logits = _run_classifier(array_ops.stack(images_list), classifier_fn)
    return classifier_score_from_logits(_unbatched(logits))


def classifier_score_from_logits(logits):
    """exp(mean KL(p(y|x) || p(y))) of `logits` [batch, classes], computed in float64."""
    logits.shape.assert_has_rank(2)
    logits_dtype = logits.dtype
    if logits_dtype != dtypes.float64:
        logits = math_ops.cast(logits, dtypes.float64)
    p = nn_ops.softmax(logits)
    q = math_ops.reduce_mean(p, axis=0)
    kl = _kl_divergence(p, logits, q)
    kl.shape.assert_has_rank(1)
    final_score = math_ops.exp(math_ops.reduce_mean(kl))
    if logits_dtype != dtypes.float64:
        final_score = math_ops.cast(final_score, logits_dtype)
    return final_score


inception_score = functools.partial(
    classifier_score,
    classifier_fn=functools.partial(run_inception, output_tensor=INCEPTION_OUTPUT))


def trace_sqrt_product(sigma, sigma_v):
    """trace(sqrt(sigma sigma_v)) of two covariance matrices, as
    trace(sqrt(sqrt(sigma) sigma_v sqrt(sigma)))."""
    sqrt_sigma = _symmetric_matrix_square_root(sigma)
    sqrt_a_sigmav_a = matmul(sqrt_sigma, matmul(sigma_v, sqrt_sigma))
    return trace(_symmetric_matrix_square_root(sqrt_a_sigmav_a))


def frechet_classifier_distance(real_images, generated_images, classifier_fn, num_batches=1):
    """The Frechet distance of `classifier_fn`'s activations of two image batches."""
    real_a, gen_a = _activations(real_images, generated_images, classifier_fn, num_batches)
    return frechet_classifier_distance_from_activations(real_a, gen_a)


def _float64(real_activations, generated_activations):
    real_activations.shape.assert_has_rank(2)
    generated_activations.shape.assert_has_rank(2)
    if real_activations.dtype != dtypes.float64:
        real_activations = math_ops.cast(real_activations, dtypes.float64)
        generated_activations = math_ops.cast(generated_activations, dtypes.float64)
    return real_activations, generated_activations


def _cast_back(value, dtype):
    return value if dtype == dtypes.float64 else math_ops.cast(value, dtype)


def mean_only_frechet_classifier_distance_from_activations(real_activations,
                                                           generated_activations):
    """||mean(real) - mean(generated)||^2 (float64 inside)."""
    dtype = real_activations.dtype
    real, gen = _float64(real_activations, generated_activations)
    m = math_ops.reduce_mean(real, 0)
    m_w = math_ops.reduce_mean(gen, 0)
    return _cast_back(math_ops.reduce_sum(math_ops.squared_difference(m, m_w)), dtype)


def diagonal_only_frechet_classifier_distance_from_activations(real_activations,
                                                               generated_activations):
    """The Frechet distance with diagonal covariances (float64 inside)."""
    dtype = real_activations.dtype
    real, gen = _float64(real_activations, generated_activations)
    m, var = nn_ops.moments(real, axes=[0])
    m_w, var_w = nn_ops.moments(gen, axes=[0])
    actual_shape, expected_shape = var.get_shape(), m.get_shape()
    if actual_shape != expected_shape:
        raise ValueError("shape: {} must match expected shape: {}".format(
            actual_shape, expected_shape))
    trace_part = math_ops.reduce_sum(
        (var + var_w) - 2.0 * math_ops.sqrt(math_ops.multiply(var, var_w)))
    mean = math_ops.reduce_sum(math_ops.squared_difference(m, m_w))
    return _cast_back(trace_part + mean, dtype)


def frechet_classifier_distance_from_activations(real_activations, generated_activations):
    """||m - m_w||^2 + trace(C + C_w - 2 sqrt(C C_w)) of the activations' means and
    covariances (float64 inside)."""
    dtype = real_activations.dtype
    real, gen = _float64(real_activations, generated_activations)
    m = math_ops.reduce_mean(real, 0)
    m_w = math_ops.reduce_mean(gen, 0)
    num_examples_real = math_ops.cast(array_ops.shape(real)[0], dtypes.float64)
    num_examples_generated = math_ops.cast(array_ops.shape(gen)[0], dtypes.float64)
    real_centered = real - m
    sigma = matmul(real_centered, real_centered, transpose_a=True) / (num_examples_real - 1)
    gen_centered = gen - m_w
    sigma_w = matmul(gen_centered, gen_centered, transpose_a=True) / (
        num_examples_generated - 1)
    sqrt_trace_component = trace_sqrt_product(sigma, sigma_w)
    trace_part = trace(sigma + sigma_w) - 2.0 * sqrt_trace_component
    mean = math_ops.reduce_sum(math_ops.squared_difference(m, m_w))
    return _cast_back(trace_part + mean, dtype)


frechet_inception_distance = functools.partial(
    frechet_classifier_distance,
    classifier_fn=functools.partial(run_inception, output_tensor=INCEPTION_FINAL_POOL))


def kernel_classifier_distance(real_images, generated_images, classifier_fn,
                               num_classifier_batches=1, max_block_size=1024, dtype=None):
    """The kernel distance of `classifier_fn`'s activations of two image batches."""
    return kernel_classifier_distance_and_std(
        real_images, generated_images, classifier_fn,
        num_classifier_batches=num_classifier_batches, max_block_size=max_block_size,
        dtype=dtype)[0]


kernel_inception_distance = functools.partial(
    kernel_classifier_distance,
    classifier_fn=functools.partial(run_inception, output_tensor=INCEPTION_FINAL_POOL))


def kernel_classifier_distance_and_std(real_images, generated_images, classifier_fn,
                                       num_classifier_batches=1, max_block_size=1024,
                                       dtype=None):
    """The kernel distance and its block estimate's standard error."""
    real_a, gen_a = _activations(real_images, generated_images, classifier_fn,
                                 num_classifier_batches)
    return kernel_classifier_distance_and_std_from_activations(real_a, gen_a, max_block_size,
                                                               dtype)


kernel_inception_distance_and_std = functools.partial(
    kernel_classifier_distance_and_std,
    classifier_fn=functools.partial(run_inception, output_tensor=INCEPTION_FINAL_POOL))


def kernel_classifier_distance_from_activations(real_activations, generated_activations,
                                                max_block_size=1024, dtype=None):
    """The kernel distance of two activation batches."""
    return kernel_classifier_distance_and_std_from_activations(
        real_activations, generated_activations, max_block_size, dtype)[0]


def _block_sizes(v, n_plusone, n_blocks):
    """The sizes of `n_blocks` blocks of `v` rows, the last `n_plusone` one row bigger."""
    return array_ops.concat([array_ops.fill([n_blocks - n_plusone], v),
                             array_ops.fill([n_plusone], v + 1)], 0)


def kernel_classifier_distance_and_std_from_activations(real_activations,
                                                        generated_activations,
                                                        max_block_size=1024, dtype=None):
    """The unbiased MMD^2 with the kernel (x.y / dim + 1)^3, averaged over blocks of at
    most `max_block_size` rows, and its standard error (NaN with one block)."""
    real_activations.shape.assert_has_rank(2)
    generated_activations.shape.assert_has_rank(2)
    real_activations.shape[1].assert_is_compatible_with(generated_activations.shape[1])
    if dtype is None:
        dtype = real_activations.dtype
        assert generated_activations.dtype == dtype
    else:
        real_activations = math_ops.cast(real_activations, dtype)
        generated_activations = math_ops.cast(generated_activations, dtype)

    n_r = array_ops.shape(real_activations)[0]
    n_g = array_ops.shape(generated_activations)[0]
    n_bigger = math_ops.maximum(n_r, n_g)
    n_blocks = math_ops.cast(math_ops.ceil(n_bigger / max_block_size), dtypes.int32)
    v_r = n_r // n_blocks
    v_g = n_g // n_blocks
    n_plusone_r = n_r - v_r * n_blocks
    n_plusone_g = n_g - v_g * n_blocks
    sizes_r = _block_sizes(v_r, n_plusone_r, n_blocks)
    sizes_g = _block_sizes(v_g, n_plusone_g, n_blocks)
    zero = array_ops.zeros([1], dtype=dtypes.int32)
    inds_r = array_ops.concat([zero, math_ops.cumsum(sizes_r)], 0)
    inds_g = array_ops.concat([zero, math_ops.cumsum(sizes_g)], 0)
    dim = math_ops.cast(real_activations.shape[1], dtype)

    def compute_kid_block(i):
        r_s, r_e = inds_r[i], inds_r[i + 1]
        r = real_activations[r_s:r_e]
        m = math_ops.cast(r_e - r_s, dtype)
        g_s, g_e = inds_g[i], inds_g[i + 1]
        g = generated_activations[g_s:g_e]
        n = math_ops.cast(g_e - g_s, dtype)
        k_rr = (matmul(r, r, transpose_b=True) / dim + 1) ** 3
        k_rg = (matmul(r, g, transpose_b=True) / dim + 1) ** 3
        k_gg = (matmul(g, g, transpose_b=True) / dim + 1) ** 3
        return (-2 * math_ops.reduce_mean(k_rg)
                + (math_ops.reduce_sum(k_rr) - trace(k_rr)) / (m * (m - 1))
                + (math_ops.reduce_sum(k_gg) - trace(k_gg)) / (n * (n - 1)))

    ests = map_fn(compute_kid_block, _range(n_blocks), dtype=dtype, back_prop=False)
    mn = math_ops.reduce_mean(ests)
    n_blocks_ = math_ops.cast(n_blocks, dtype)
    var = cond(math_ops.less_equal(n_blocks, 1),
               lambda: constant(float("nan"), dtype=dtype),
               lambda: math_ops.reduce_sum(math_ops.square(ests - mn)) / (n_blocks_ - 1))
    return mn, math_ops.sqrt(var / n_blocks_)
