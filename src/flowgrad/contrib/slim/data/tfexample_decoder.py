"""tf.contrib.slim.tfexample_decoder: decodes a serialized tf.train.Example into items,
each made by an ItemHandler from parsed features (TF 1.14
slim/python/slim/data/tfexample_decoder.py)."""
from __future__ import annotations

import abc

from .... import image as image_ops
from ....engine.framework import dtypes
from ....ops import array_ops, comparison_ops, control_flow_ops, functional_ops, math_ops
from ....ops import parsing_ops, sparse_ops, sparse_tensor
from . import data_decoder

__all__ = ["ItemHandler", "ItemHandlerCallback", "BoundingBox", "Tensor", "LookupTensor",
           "BackupHandler", "SparseTensor", "Image", "TFExampleDecoder"]


class ItemHandler(abc.ABC):
    """Makes one item from the parsed features named by `keys`."""

    def __init__(self, keys):
        if not isinstance(keys, (tuple, list)):
            keys = [keys]
        self._keys = keys

    @property
    def keys(self):
        return self._keys

    @abc.abstractmethod
    def tensors_to_item(self, keys_to_tensors):
        """The item from {key: parsed tensor}."""


class ItemHandlerCallback(ItemHandler):
    """The item is func(keys_to_tensors)."""

    def __init__(self, keys, func):
        super().__init__(keys)
        self._func = func

    def tensors_to_item(self, keys_to_tensors):
        return self._func(keys_to_tensors)


class BoundingBox(ItemHandler):
    """[num_boxes, 4] boxes from four (sparse) coordinate features prefix+key."""

    def __init__(self, keys=None, prefix=""):
        if keys is None:
            keys = ["ymin", "xmin", "ymax", "xmax"]
        elif len(keys) != 4:
            raise ValueError("BoundingBox expects 4 keys but got {}".format(len(keys)))
        self._prefix = prefix
        self._keys = keys
        self._full_keys = [prefix + k for k in keys]
        super().__init__(self._full_keys)

    def tensors_to_item(self, keys_to_tensors):
        sides = []
        for key in self._full_keys:
            side = keys_to_tensors[key]
            if isinstance(side, sparse_tensor.SparseTensor):
                side = side.values
            sides.append(array_ops.expand_dims(side, 0))
        return array_ops.transpose(array_ops.concat(sides, 0))


class Tensor(ItemHandler):
    """A feature as a dense tensor, reshaped to `shape` or to the values of the
    `shape_keys` features (a sparse feature densified with `default_value`)."""

    def __init__(self, tensor_key, shape_keys=None, shape=None, default_value=0):
        if shape_keys and shape is not None:
            raise ValueError("Cannot specify both shape_keys and shape parameters.")
        if shape_keys and not isinstance(shape_keys, list):
            shape_keys = [shape_keys]
        self._tensor_key = tensor_key
        self._shape_keys = shape_keys
        self._shape = shape
        self._default_value = default_value
        keys = [tensor_key]
        if shape_keys:
            keys.extend(shape_keys)
        super().__init__(keys)

    def tensors_to_item(self, keys_to_tensors):
        tensor = keys_to_tensors[self._tensor_key]
        shape = self._shape
        if self._shape_keys:
            shape_dims = []
            for k in self._shape_keys:
                shape_dim = keys_to_tensors[k]
                if isinstance(shape_dim, sparse_tensor.SparseTensor):
                    shape_dim = sparse_ops.sparse_tensor_to_dense(shape_dim)
                shape_dims.append(shape_dim)
            shape = array_ops.reshape(array_ops.stack(shape_dims), [-1])
        if isinstance(tensor, sparse_tensor.SparseTensor):
            if shape is not None:
                tensor = sparse_ops.sparse_reshape(tensor, shape)
            tensor = sparse_ops.sparse_tensor_to_dense(tensor, self._default_value)
        elif shape is not None:
            tensor = array_ops.reshape(tensor, shape)
        return tensor


class LookupTensor(Tensor):
    """A Tensor item mapped through `table` (e.g. strings to ids)."""

    def __init__(self, tensor_key, table, shape_keys=None, shape=None, default_value=""):
        self._table = table
        super().__init__(tensor_key, shape_keys, shape, default_value)

    def tensors_to_item(self, keys_to_tensors):
        return self._table.lookup(super().tensors_to_item(keys_to_tensors))


class BackupHandler(ItemHandler):
    """`handler`'s item, or `backup`'s where that item has no elements."""

    def __init__(self, handler, backup):
        if not isinstance(handler, ItemHandler):
            raise ValueError("Primary handler is of type %s instead of ItemHandler" %
                             type(handler))
        if not isinstance(backup, ItemHandler):
            raise ValueError("Backup handler is of type %s instead of ItemHandler" %
                             type(backup))
        self._handler = handler
        self._backup = backup
        super().__init__(handler.keys + backup.keys)

    def tensors_to_item(self, keys_to_tensors):
        item = self._handler.tensors_to_item(keys_to_tensors)
        return control_flow_ops.cond(
            pred=comparison_ops.equal(math_ops.reduce_prod(array_ops.shape(item)), 0),
            true_fn=lambda: self._backup.tensors_to_item(keys_to_tensors),
            false_fn=lambda: item)


class SparseTensor(ItemHandler):
    """A SparseTensor whose last index column is the `indices` feature's values, its
    values the `values` feature's (densified with default_value if densify)."""

    def __init__(self, indices_key=None, values_key=None, shape_key=None, shape=None,
                 densify=False, default_value=0):
        indices_key = indices_key or "indices"
        values_key = values_key or "values"
        self._indices_key = indices_key
        self._values_key = values_key
        self._shape_key = shape_key
        self._shape = shape
        self._densify = densify
        self._default_value = default_value
        keys = [indices_key, values_key]
        if shape_key:
            keys.append(shape_key)
        super().__init__(keys)

    def tensors_to_item(self, keys_to_tensors):
        indices = keys_to_tensors[self._indices_key]
        values = keys_to_tensors[self._values_key]
        if self._shape_key:
            shape = keys_to_tensors[self._shape_key]
            if isinstance(shape, sparse_tensor.SparseTensor):
                shape = sparse_ops.sparse_tensor_to_dense(shape)
        elif self._shape:
            shape = self._shape
        else:
            shape = indices.dense_shape
        rank = array_ops.shape(indices.indices)[1]
        ids = math_ops.cast(indices.values, dtypes.int64)
        indices_columns_to_preserve = array_ops.slice(
            indices.indices, [0, 0], array_ops.stack([-1, rank - 1]))
        new_indices = array_ops.concat(
            [indices_columns_to_preserve, array_ops.reshape(ids, [-1, 1])], 1)
        tensor = sparse_tensor.SparseTensor(new_indices, values.values, shape)
        if self._densify:
            tensor = sparse_ops.sparse_tensor_to_dense(tensor, self._default_value)
        return tensor


class Image(ItemHandler):
    """An image decoded from the `image_key` feature by the `format_key` feature: raw
    bytes ('raw'/'RAW'), JPEG, or any format decode_image reads; [h, w, channels],
    reshaped to `shape` if given (repeated: a map over a list of images)."""

    def __init__(self, image_key=None, format_key=None, shape=None, channels=3,
                 dtype=dtypes.uint8, repeated=False, dct_method=""):
        if not image_key:
            image_key = "image/encoded"
        if not format_key:
            format_key = "image/format"
        super().__init__([image_key, format_key])
        self._image_key = image_key
        self._format_key = format_key
        self._shape = shape
        self._channels = channels
        self._dtype = dtype
        self._repeated = repeated
        self._dct_method = dct_method

    def tensors_to_item(self, keys_to_tensors):
        image_buffer = keys_to_tensors[self._image_key]
        image_format = keys_to_tensors[self._format_key]
        if self._repeated:
            return functional_ops.map_fn(lambda x: self._decode(x, image_format),
                                         image_buffer, dtype=self._dtype)
        return self._decode(image_buffer, image_format)

    def _decode(self, image_buffer, image_format):
        def decode_image():
            return math_ops.cast(image_ops.decode_image(image_buffer, channels=self._channels),
                                 self._dtype)

        def decode_jpeg():
            return math_ops.cast(image_ops.decode_jpeg(image_buffer, channels=self._channels,
                                                       dct_method=self._dct_method),
                                 self._dtype)

        def check_jpeg():
            return control_flow_ops.cond(image_ops.is_jpeg(image_buffer), decode_jpeg,
                                         decode_image, name="cond_jpeg")

        def decode_raw():
            return parsing_ops.decode_raw(image_buffer, out_type=self._dtype)

        pred_fn_pairs = {comparison_ops.logical_or(comparison_ops.equal(image_format, "raw"),
                                                   comparison_ops.equal(image_format, "RAW")):
                         decode_raw}
        image = control_flow_ops.case(pred_fn_pairs, default=check_jpeg, exclusive=True)
        image.set_shape([None, None, self._channels])
        if self._shape is not None:
            image = array_ops.reshape(image, self._shape)
        return image


class TFExampleDecoder(data_decoder.DataDecoder):
    """Parses an Example with `keys_to_features` (fixed-length features reshaped to their
    shapes) and makes each item with its handler in `items_to_handlers`."""

    def __init__(self, keys_to_features, items_to_handlers):
        self._keys_to_features = keys_to_features
        self._items_to_handlers = items_to_handlers

    def list_items(self):
        return list(self._items_to_handlers.keys())

    def decode(self, serialized_example, items=None):
        """The tensors of `items` (all items if None) of one serialized Example."""
        example = parsing_ops.parse_single_example(serialized_example,
                                                   self._keys_to_features)
        for k in sorted(self._keys_to_features):
            v = self._keys_to_features[k]
            if isinstance(v, parsing_ops.FixedLenFeature):
                example[k] = array_ops.reshape(example[k], v.shape)
        if not items:
            items = self._items_to_handlers.keys()
        outputs = []
        for item in items:
            handler = self._items_to_handlers[item]
            keys_to_tensors = {key: example[key] for key in handler.keys}
            outputs.append(handler.tensors_to_item(keys_to_tensors))
        return outputs
