"""Keras merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate,
Dot and their functional forms (TF 1.14 keras/layers/merge.py)."""
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, math_ops
from ... import nn
from .. import backend as K
from ..engine.base_layer import Layer

__all__ = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
           "Dot", "add", "subtract", "multiply", "average", "maximum", "minimum",
           "concatenate", "dot"]


def _as_tuples(input_shape):
    """TensorShapes (or a list of them) as tuples of ints/None, as tf_utils does."""
    if isinstance(input_shape, (list, tuple)) and not all(
            isinstance(d, (int, type(None))) for d in input_shape):
        return [_as_tuples(s) for s in input_shape]
    if input_shape is None:
        return None
    shape = TensorShape(input_shape)
    return None if shape.ndims is None else tuple(shape.as_list())


class _Merge(Layer):
    """Elementwise merge of a list of inputs (broadcasting examples of different ranks)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _merge_function(self, inputs):
        raise NotImplementedError

    def _compute_elemwise_op_output_shape(self, shape1, shape2):
        if None in [shape1, shape2]:
            return None
        if len(shape1) < len(shape2):
            return self._compute_elemwise_op_output_shape(shape2, shape1)
        if not shape2:
            return shape1
        output_shape = list(shape1[:-len(shape2)])
        for i, j in zip(shape1[-len(shape2):], shape2):
            if i is None or j is None:
                output_shape.append(None)
            elif i == 1:
                output_shape.append(j)
            elif j == 1:
                output_shape.append(i)
            else:
                if i != j:
                    raise ValueError("Operands could not be broadcast together with shapes "
                                     + str(shape1) + " " + str(shape2))
                output_shape.append(i)
        return tuple(output_shape)

    def _merged_shape(self, input_shape):
        output_shape = None if input_shape[0] is None else input_shape[0][1:]
        for shape in input_shape[1:]:
            output_shape = self._compute_elemwise_op_output_shape(
                output_shape, None if shape is None else shape[1:])
        return output_shape

    def build(self, input_shape):
        if not isinstance(input_shape, list):
            raise ValueError("A merge layer should be called on a list of inputs.")
        input_shape = _as_tuples(input_shape)
        if len(input_shape) < 2:
            raise ValueError("A merge layer should be called on a list of at least 2 inputs. "
                             "Got " + str(len(input_shape)) + " inputs.")
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        if len(batch_sizes) > 1:
            raise ValueError("Can not merge tensors with different batch sizes. Got tensors "
                             "with shapes : " + str(input_shape))
        self._merged_shape(input_shape)
        self._reshape_required = not (None not in input_shape
                                      and len(set(map(len, input_shape))) == 1)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, list):
            raise ValueError("A merge layer should be called on a list of inputs.")
        if not self._reshape_required:
            return self._merge_function(inputs)
        input_ndims = [K.ndim(x) for x in inputs]
        if None not in input_ndims:
            # Expand each input at axis 1 until the ranks agree.
            max_ndim = max(input_ndims)
            reshaped = []
            for x in inputs:
                for _ in range(max_ndim - K.ndim(x)):
                    x = array_ops.expand_dims(x, axis=1)
                reshaped.append(x)
            return self._merge_function(reshaped)
        # Unknown ranks: move the batch axis last, merge, and move it back.
        reshaped, transposed = [], False
        for x in inputs:
            x_ndim = K.ndim(x)
            if x_ndim is None:
                x_shape = array_ops.shape(x)
                batch_size = x_shape[0]
                new_shape = K.concatenate([x_shape[1:],
                                           array_ops.expand_dims(batch_size, axis=-1)])
                x_t = array_ops.reshape(x, array_ops.stack(
                    [batch_size, math_ops.reduce_prod(x_shape[1:])], axis=0))
                x_t = array_ops.transpose(x_t, perm=(1, 0))
                reshaped.append(array_ops.reshape(x_t, new_shape))
                transposed = True
            elif x_ndim > 1:
                reshaped.append(array_ops.transpose(x, perm=list(range(1, x_ndim)) + [0]))
                transposed = True
            else:
                reshaped.append(x)
        y = self._merge_function(reshaped)
        y_ndim = K.ndim(y)
        if transposed:
            if y_ndim is None:
                y_shape = array_ops.shape(y)
                y_ndim = array_ops.shape(y_shape)[0]
                batch_size = y_shape[y_ndim - 1]
                new_shape = K.concatenate([array_ops.expand_dims(batch_size, axis=-1),
                                           y_shape[:y_ndim - 1]])
                y = array_ops.reshape(y, (-1, batch_size))
                y = array_ops.transpose(y, perm=(1, 0))
                y = array_ops.reshape(y, new_shape)
            elif y_ndim > 1:
                y = array_ops.transpose(y, perm=[y_ndim - 1] + list(range(y_ndim - 1)))
        return y

    def compute_output_shape(self, input_shape):
        input_shape = _as_tuples(input_shape)
        output_shape = self._merged_shape(input_shape)
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        if len(batch_sizes) == 1:
            return TensorShape((list(batch_sizes)[0],) + output_shape)
        return TensorShape((None,) + output_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, list):
            raise ValueError("`mask` should be a list.")
        if not isinstance(inputs, list):
            raise ValueError("`inputs` should be a list.")
        if len(mask) != len(inputs):
            raise ValueError("The lists `inputs` and `mask` should have the same length.")
        if all(m is None for m in mask):
            return None
        masks = [array_ops.expand_dims(m, axis=0) for m in mask if m is not None]
        return K.all(K.concatenate(masks, axis=0), axis=0, keepdims=False)


class Add(_Merge):
    """The sum of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output += x
        return output


class Subtract(_Merge):
    """inputs[0] - inputs[1] (exactly two inputs)."""

    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    """The elementwise product of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output *= x
        return output


class Average(_Merge):
    """The elementwise mean of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output += x
        return output / len(inputs)


class Maximum(_Merge):
    """The elementwise maximum of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = math_ops.maximum(output, x)
        return output


class Minimum(_Merge):
    """The elementwise minimum of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = math_ops.minimum(output, x)
        return output


class Concatenate(_Merge):
    """Concatenates a list of inputs along `axis`."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self._reshape_required = False

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) < 2:
            raise ValueError("A `Concatenate` layer should be called on a list of at least 2 "
                             "inputs")
        input_shape = _as_tuples(input_shape)
        self.built = True
        if all(shape is None for shape in input_shape):
            return
        reduced = [list(shape) for shape in input_shape]
        shape_set = set()
        for shape in reduced:
            del shape[self.axis]
            shape_set.add(tuple(shape))
        if len(shape_set) > 1:
            raise ValueError("A `Concatenate` layer requires inputs with matching shapes "
                             "except for the concat axis. Got inputs shapes: %s"
                             % (input_shape,))

    def _merge_function(self, inputs):
        return K.concatenate(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, list):
            raise ValueError("A `Concatenate` layer should be called on a list of inputs.")
        input_shape = _as_tuples(input_shape)
        output_shape = list(input_shape[0])
        for shape in input_shape[1:]:
            if output_shape[self.axis] is None or shape[self.axis] is None:
                output_shape[self.axis] = None
                break
            output_shape[self.axis] += shape[self.axis]
        return TensorShape(output_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, list):
            raise ValueError("`mask` should be a list.")
        if not isinstance(inputs, list):
            raise ValueError("`inputs` should be a list.")
        if len(mask) != len(inputs):
            raise ValueError("The lists `inputs` and `mask` should have the same length.")
        if all(m is None for m in mask):
            return None
        masks = []
        for input_i, mask_i in zip(inputs, mask):
            if mask_i is None:
                masks.append(array_ops.ones_like(input_i, dtype="bool"))
            elif K.ndim(mask_i) < K.ndim(input_i):
                masks.append(array_ops.expand_dims(mask_i, axis=-1))
            else:
                masks.append(mask_i)
        return K.all(K.concatenate(masks, axis=self.axis), axis=-1, keepdims=False)

    def get_config(self):
        return dict(list(super().get_config().items()) + [("axis", self.axis)])


class Dot(_Merge):
    """The dot product of the samples of two inputs along `axes` (cosine proximity with
    normalize=True)."""

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError("Invalid type for `axes` - should be a list or an int.")
            if len(axes) != 2:
                raise ValueError("Invalid format for `axes` - should contain two elements.")
            if not isinstance(axes[0], int) or not isinstance(axes[1], int):
                raise ValueError("Invalid format for `axes` - list elements should be "
                                 "\"int\".")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True
        self._reshape_required = False

    def _axes_for(self, rank1, rank2):
        if isinstance(self.axes, int):
            if self.axes < 0:
                return [self.axes % rank1, self.axes % rank2]
            return [self.axes] * 2
        return [a % r if a < 0 else a for a, r in zip(self.axes, (rank1, rank2))]

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs.")
        shape1, shape2 = _as_tuples(input_shape)
        self.built = True
        if shape1 is None or shape2 is None:
            return
        if isinstance(self.axes, int):
            axes = self._axes_for(len(shape1), len(shape2))
        else:
            axes = list(self.axes)
        if shape1[axes[0]] != shape2[axes[1]]:
            raise ValueError("Dimension incompatibility %s != %s. " % (
                shape1[axes[0]], shape2[axes[1]]) + "Layer shapes: %s, %s" % (shape1, shape2))

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Dot` layer should be called on exactly 2 inputs")
        x1, x2 = inputs
        axes = self._axes_for(K.ndim(x1), K.ndim(x2))
        if self.normalize:
            x1 = nn.l2_normalize(x1, axis=axes[0])
            x2 = nn.l2_normalize(x2, axis=axes[1])
        return K.batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise ValueError("A `Dot` layer should be called on a list of 2 inputs.")
        shape1, shape2 = (list(s) for s in _as_tuples(input_shape))
        if isinstance(self.axes, int):
            axes = self._axes_for(len(shape1), len(shape2))
        else:
            axes = list(self.axes)
        shape1.pop(axes[0])
        shape2.pop(axes[1])
        shape2.pop(0)
        output_shape = shape1 + shape2
        if len(output_shape) == 1:
            output_shape += [1]
        return TensorShape(output_shape)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return dict(list(super().get_config().items())
                    + [("axes", self.axes), ("normalize", self.normalize)])


def add(inputs, **kwargs):
    """Add()(inputs)."""
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """Subtract()(inputs)."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Multiply()(inputs)."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Average()(inputs)."""
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Maximum()(inputs)."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Minimum()(inputs)."""
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """Concatenate(axis)(inputs)."""
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes, normalize=False, **kwargs):
    """Dot(axes, normalize)(inputs)."""
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
