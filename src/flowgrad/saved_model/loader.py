"""TF 1.14's tf.saved_model.loader: load a SavedModel's meta graph and variables."""
import os

from ..engine.framework.graph import GraphKeys
from . import _proto, constants


def maybe_saved_model_directory(export_dir):
    """Whether `export_dir` holds saved_model.pb or saved_model.pbtxt."""
    export_dir = os.fspath(export_dir)
    return any(os.path.exists(os.path.join(export_dir, n)) for n in (
        constants.SAVED_MODEL_FILENAME_PBTXT, constants.SAVED_MODEL_FILENAME_PB))


def _meta_graph_for_tags(meta_graphs, tags):
    available = []
    for mg in meta_graphs:
        available.append(set(mg.meta_info_def.tags))
        if set(mg.meta_info_def.tags) == set(tags):
            return mg
    raise RuntimeError("MetaGraphDef associated with tags " + str(tags).strip("[]") +
                       " could not be found in SavedModel. To inspect available tag-sets in "
                       "the SavedModel, please use the SavedModel CLI: `saved_model_cli`"
                       "\navailable_tags: " + str(available))


def _asset_feeds(export_dir, mg, import_scope):
    """{asset tensor name: path under assets/} of the meta graph's AssetFileDefs."""
    from ..engine.framework import proto  # lazy: optional protos
    protos = list(mg.asset_file_def)
    if not protos and constants.ASSETS_KEY in mg.collection_def:
        for any_proto in mg.collection_def[constants.ASSETS_KEY].any_list.value:
            # TF packs tensorflow.AssetFileDef; the class here is TensorBoard's copy of it
            if not any_proto.type_url.endswith("/tensorflow.AssetFileDef") and \
                    not any_proto.type_url.endswith("/tensorboard.AssetFileDef"):
                raise ValueError(f"SavedModel {export_dir}: collection "
                                 f"{constants.ASSETS_KEY} holds a {any_proto.type_url}, not "
                                 "an AssetFileDef")
            a = proto.pb().meta_graph_pb2.AssetFileDef()
            a.ParseFromString(any_proto.value)
            protos.append(a)
    assets = os.path.join(export_dir, constants.ASSETS_DIRECTORY)
    feeds = {}
    for a in protos:
        name = a.tensor_info.name
        if import_scope:
            name = f"{import_scope}/{name}"
        if os.path.basename(a.filename) != a.filename or a.filename in ("", ".", ".."):
            raise ValueError(f"SavedModel {export_dir}: asset file name {a.filename!r} is "
                             "not a plain file name")
        feeds[name] = os.path.join(assets, a.filename).encode()
    return feeds


def _init_op(mg, graph, import_scope):
    sig = mg.signature_def.get(constants.INIT_OP_SIGNATURE_KEY) \
        if constants.INIT_OP_SIGNATURE_KEY in mg.signature_def else None
    if sig is not None:
        name = sig.outputs[constants.INIT_OP_SIGNATURE_KEY].name
        if import_scope:
            name = f"{import_scope}/{name}"
        return graph.as_graph_element(name)
    for key in (constants.MAIN_OP_KEY, constants.LEGACY_INIT_OP_KEY):
        if key in mg.collection_def:
            ops = mg.collection_def[key].node_list.value
            if len(ops) != 1:
                raise RuntimeError(f"Expected exactly one SavedModel init op. Found: {ops}")
            return graph.get_collection(key)[0]
    return None


def load(sess, tags, export_dir, import_scope=None, **saver_kwargs):
    """Loads the meta graph tagged `tags` of the SavedModel in `export_dir` into
    `sess.graph`, restores its variables and runs its main op; returns TF's
    MetaGraphDef proto (signature_def, collection_def, ...).

    Raises:
      IOError: no saved_model.pb/.pbtxt, or one that does not parse (naming it).
      RuntimeError: no meta graph has exactly these tags.
    """
    from ..engine.framework import meta_graph  # lazy: meta graph import
    from ..train.saver import Saver  # lazy: surface module
    export_dir = os.fsdecode(export_dir)  # TF takes a str or the bytes export returns
    _, meta_graphs = _proto.parse_saved_model(export_dir)
    mg = _meta_graph_for_tags(meta_graphs, tags)
    graph = sess.graph
    source = os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PB)
    try:
        fg_mg = meta_graph.from_tf_meta_graph(mg)
    except meta_graph.DecodeError as e:
        raise OSError(f"Cannot parse file {source}: {e}.") from None
    with graph.as_default():
        meta_graph.import_scoped_meta_graph(fg_mg, import_scope=import_scope, source=source,
                                            **saver_kwargs)
        saver = Saver.from_proto(fg_mg.saver_def, import_scope=import_scope) \
            if fg_mg.saver_def is not None else None
        variables_path = os.path.join(export_dir, constants.VARIABLES_DIRECTORY,
                                      constants.VARIABLES_FILENAME)
        if saver is not None:
            saver.restore(sess, variables_path)
        elif graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=import_scope) or \
                graph.get_collection(GraphKeys.SAVEABLE_OBJECTS, scope=import_scope):
            raise ValueError("No tf.train.Saver object was passed to the function "
                             "SavedModelLoader.restore_variables. Since there are variables "
                             "in the graph, a saver is required.")
        init = _init_op(mg, graph, import_scope)
        if init is not None:
            sess.run(fetches=[init], feed_dict=_asset_feeds(export_dir, mg, import_scope))
    return mg
