"""tf.contrib.layers.scale_gradient, as TF 1.14 defines it (contrib/layers/python/layers/
layers.py): a Defun without input types whose body returns its input, its gradient the
output gradient times the multiplier (python_grad_func), its shape the input's."""
from __future__ import annotations

from ...defun import Defun

__all__ = ["scale_gradient"]


def _scale_gradient_shape(op):
    """The output's shape: the input's."""
    return [op.inputs[0].shape]


def _scale_gradient_grad(op, grad):
    """d/dinputs = grad * gradient_multiplier; no gradient for the multiplier."""
    return [grad * op.inputs[1], None]


@Defun(python_grad_func=_scale_gradient_grad, shape_func=_scale_gradient_shape)
def scale_gradient(inputs, gradient_multiplier):
    """Identity operation, but with the gradient multiplied by a tensor.

  The TensorFlow gradient system will compute the gradient with respect to
  `inputs` as the product of the gradient with respect to the `output`
  multiplied by a specified `gradient_multiplier` tensor.  If
  `gradient_multiplier` is equal to 1, then this results in the true gradient.
  Otherwise, it results in a scaled gradient.

  This can be useful for adjusting the relative learning rate of different
  parameter tensors when performing gradient descent, and because this rescaling
  can be inserted at arbitrary locations within a graph, is often more
  convenient to apply than simply rescaling the final computed gradients.

  Args:
    inputs: Tensor to be output.
    gradient_multiplier: Tensor by which to multiply the gradient with respect
      to `output` to compute the gradient with respect to `inputs`.  Its shape
      must be broadcastable to the shape of `inputs`.

  Returns:
    output Tensor, equal to `inputs`.
  """
    return inputs
