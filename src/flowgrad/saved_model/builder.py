"""TF 1.14's tf.saved_model.builder: SavedModelBuilder writes a SavedModel directory
(saved_model.pb or .pbtxt, variables/variables.index + .data-00000-of-00001) as TF."""
import os
import shutil

from .. import logging as _tf_logging
from ..engine.framework import file_io
from ..engine.framework.graph import GraphKeys, Operation, Tensor, get_default_graph
from . import _proto, constants


def _tf_meta_graph(saver, graph, clear_devices, strip_default_attrs):
    from ..engine.framework import meta_graph  # lazy: the saver's meta graph, as TF's proto
    # (as TF's builder: Saver.export_meta_graph, whose GraphDef's library a cleared export
    # keeps)
    return meta_graph.export_scoped_meta_graph(
        graph=graph, saver_def=saver.saver_def, clear_devices=clear_devices,
        strip_default_attrs=strip_default_attrs, as_proto=True, library_set=clear_devices)


_ASSET_TYPE_URL = "type.googleapis.com/tensorflow.AssetFileDef"


def _asset_path_from_tensor(path_tensor):
    from ..engine.framework import dtypes  # lazy: only with assets
    from ..engine.framework.graph import Tensor  # lazy: only with assets
    if not isinstance(path_tensor, Tensor):
        raise TypeError("Asset path tensor must be a Tensor.")
    if path_tensor.op.type != "Const":
        raise TypeError("Asset path tensor must be of type constant.")
    if path_tensor.dtype != dtypes.string:
        raise TypeError("Asset path tensor must be of dtype string.")
    value = path_tensor.op._get_attr("value")
    if getattr(value, "size", 0) != 1:
        raise TypeError("Asset path tensor must be a scalar.")
    v = value.reshape(-1)[0]
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def _same_file(a, b):
    import filecmp  # lazy: only when two assets share a base name
    return filecmp.cmp(a, b, shallow=False)


def _maybe_save_assets(assets_collection):
    """{file name under assets/: source path}; adds each asset's AssetFileDef (as an Any)
    to the default graph's `saved_model_assets` collection, as TF 1.14."""
    from google.protobuf import any_pb2  # lazy: only with assets
    from ..engine.framework import proto  # lazy: optional protos
    filenames = {}
    if assets_collection is None:
        _tf_logging.info("No assets to save.")
        return filenames
    for tensor in assets_collection:
        source = _asset_path_from_tensor(tensor)
        if not source:
            raise ValueError(f"Invalid asset filepath tensor {tensor}")
        name = os.path.basename(source)
        if name in filenames and filenames[name] != source and \
                not _same_file(source, filenames[name]):
            base, i = name, 1
            while name in filenames:
                name = f"{base}_{i}"
                i += 1
        a = proto.pb().meta_graph_pb2.AssetFileDef()
        a.filename = name
        a.tensor_info.name = tensor.name
        packed = any_pb2.Any()   # TF's type name (TensorBoard's copy is tensorboard.*)
        packed.type_url = _ASSET_TYPE_URL
        packed.value = a.SerializeToString()
        get_default_graph().add_to_collection(constants.ASSETS_KEY, packed)
        filenames[name] = source
    _tf_logging.info("Assets added to graph.")
    return filenames


class SavedModelBuilder:
    """Builds a SavedModel: one set of variables, any number of tagged meta graphs.

    >>> import os, tempfile
    >>> x = tf.placeholder(tf.float32, [None, 1], name="x")
    >>> w = tf.Variable([[2.0]], name="w")
    >>> y = tf.matmul(x, w, name="y")
    >>> d = os.path.join(tempfile.mkdtemp(), "export")
    >>> with tf.Session() as sess:
    ...     sess.run(w.initializer)
    ...     b = tf.saved_model.builder.SavedModelBuilder(d)
    ...     b.add_meta_graph_and_variables(sess, ["serve"], {
    ...         "serving_default": tf.saved_model.predict_signature_def({"x": x}, {"y": y})})
    ...     path = b.save()
    >>> sorted(os.listdir(d))
    ['saved_model.pb', 'variables']
    """

    def __init__(self, export_dir):
        self._export_dir = os.fspath(export_dir)
        self._meta_graphs = []
        if os.path.exists(self._export_dir):
            if os.listdir(self._export_dir):
                raise AssertionError(
                    "Export directory already exists, and isn't empty. Please choose a "
                    "different export directory, or delete all the contents of the "
                    f"specified directory: {export_dir}")
        else:
            os.makedirs(self._export_dir)
        self._has_saved_variables = False

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _validate_tensor_info(tensor_info):
        if tensor_info is None:
            raise AssertionError("All TensorInfo protos used in the SignatureDefs must have "
                                 "the name and dtype fields set.")
        if tensor_info.WhichOneof("encoding") is None:
            raise AssertionError("All TensorInfo protos used in the SignatureDefs must have "
                                 "one of the 'encoding' fields (e.g., name or coo_sparse) "
                                 f"set: {tensor_info}")
        if tensor_info.dtype == 0:
            raise AssertionError("All TensorInfo protos used in the SignatureDefs must have "
                                 f"the dtype field set: {tensor_info}")

    def _validate_signature_def_map(self, signature_def_map):
        for sig in signature_def_map.values():
            for info in sig.inputs.values():
                self._validate_tensor_info(info)
            for info in sig.outputs.values():
                self._validate_tensor_info(info)
        for key, what in ((constants.INIT_OP_SIGNATURE_KEY, "initialization"),
                          (constants.TRAIN_OP_SIGNATURE_KEY, "the train op")):
            if key in signature_def_map:
                raise KeyError(f'SignatureDef map key "{key}" is reserved for {what}. '
                               "Please use a different key.")

    @staticmethod
    def _add_train_op(train_op):
        """Records `train_op` in the graph's saved_model_train_op collection (as TF's
        builder does for an Estimator's TRAIN export)."""
        if train_op is not None:
            if not isinstance(train_op, (Tensor, Operation)):
                raise TypeError("train_op needs to be a Tensor or Op: {!r}".format(train_op))
            get_default_graph().add_to_collection(constants.TRAIN_OP_KEY, train_op)

    @staticmethod
    def _add_main_op(main_op):
        if main_op is None:
            return
        if not isinstance(main_op, Operation):
            raise TypeError(f"main_op needs to be an Operation: {main_op!r}")
        g = get_default_graph()
        for key in (constants.MAIN_OP_KEY, constants.LEGACY_INIT_OP_KEY):
            if g.get_collection(key):
                raise ValueError(f"Graph already contains one or more main ops under the "
                                 f"collection {key}.")
        g.add_to_collection(constants.MAIN_OP_KEY, main_op)

    @staticmethod
    def _maybe_create_saver(saver):
        if saver:
            return saver
        from ..train.saver import Saver  # lazy: surface module
        g = get_default_graph()
        var_list = g.get_collection(GraphKeys.GLOBAL_VARIABLES) + \
            g.get_collection(GraphKeys.SAVEABLE_OBJECTS)
        return Saver(var_list, sharded=True, write_version=2, allow_empty=True)

    def _tag_and_add(self, meta_graph_def, tags, signature_def_map):
        meta_graph_def.meta_info_def.tags.extend(tags)
        for key in signature_def_map:
            meta_graph_def.signature_def[key].CopyFrom(signature_def_map[key])
        self._meta_graphs.append(meta_graph_def)

    def _save_and_write_assets(self, assets_collection):
        """TF 1.14's: each asset tensor (a scalar string Const holding a file path) gets an
        AssetFileDef (its file's base name, deduplicated) in the graph's
        `saved_model_assets` collection (an any_list), and its file is copied into
        assets/ (never over an existing one)."""
        filenames = _maybe_save_assets(assets_collection)
        if not filenames:
            _tf_logging.info("No assets to write.")
            return
        assets_dir = os.path.join(self._export_dir, constants.ASSETS_DIRECTORY)
        os.makedirs(assets_dir, exist_ok=True)
        for name, source in filenames.items():
            dest = os.path.join(assets_dir, name)
            if not os.path.exists(dest):
                shutil.copyfile(source, dest)
        _tf_logging.info("Assets written to: %s", assets_dir)

    # -- public ------------------------------------------------------------------------
    def add_meta_graph(self, tags, signature_def_map=None, assets_collection=None,
                       legacy_init_op=None, clear_devices=False, main_op=None,
                       strip_default_attrs=False, saver=None):
        """Adds the default graph's meta graph under `tags` (variables already saved)."""
        if not self._has_saved_variables:
            raise AssertionError("Graph state including variables and assets has not been "
                                 "saved yet. Please invoke `add_meta_graph_and_variables()` "
                                 "first.")
        signature_def_map = signature_def_map or {}
        self._validate_signature_def_map(signature_def_map)
        self._save_and_write_assets(assets_collection)
        self._add_main_op(main_op or legacy_init_op)
        saver = self._maybe_create_saver(saver)
        mg = _tf_meta_graph(saver, get_default_graph(), clear_devices, strip_default_attrs)
        self._tag_and_add(mg, tags, signature_def_map)

    def add_meta_graph_and_variables(self, sess, tags, signature_def_map=None,
                                     assets_collection=None, legacy_init_op=None,
                                     clear_devices=False, main_op=None,
                                     strip_default_attrs=False, saver=None):
        """Saves `sess`'s variables to variables/variables and adds the meta graph under
        `tags` with `signature_def_map`."""
        if self._has_saved_variables:
            raise AssertionError("Graph state including variables and assets has already "
                                 "been saved. Please invoke `add_meta_graph()` instead.")
        signature_def_map = signature_def_map or {}
        self._validate_signature_def_map(signature_def_map)
        self._save_and_write_assets(assets_collection)
        self._add_main_op(main_op or legacy_init_op)
        var_dir = os.path.join(self._export_dir, constants.VARIABLES_DIRECTORY)
        os.makedirs(var_dir, exist_ok=True)
        saver = self._maybe_create_saver(saver)
        saver.save(sess, os.path.join(var_dir, constants.VARIABLES_FILENAME),
                   write_meta_graph=False, write_state=False)
        mg = _tf_meta_graph(saver, sess.graph, clear_devices, strip_default_attrs)
        self._tag_and_add(mg, tags, signature_def_map)
        self._has_saved_variables = True

    def save(self, as_text=False):
        """Writes saved_model.pb (saved_model.pbtxt with `as_text`); returns its path
        (bytes, as TF)."""
        os.makedirs(self._export_dir, exist_ok=True)
        name = constants.SAVED_MODEL_FILENAME_PBTXT if as_text else \
            constants.SAVED_MODEL_FILENAME_PB
        path = os.path.join(self._export_dir, name)
        file_io.atomic_write(path, _proto.serialize(constants.SAVED_MODEL_SCHEMA_VERSION,
                                                    self._meta_graphs, as_text), "saved_model")
        _tf_logging.info("SavedModel written to: %s", path)
        return os.fsencode(path)


Builder = SavedModelBuilder
