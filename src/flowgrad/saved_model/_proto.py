"""Reading and writing saved_model.pb / saved_model.pbtxt (TF's SavedModel message).

flowgrad/protos/saved_model.proto declares `meta_graphs` as repeated bytes (the wire
format of repeated embedded messages); each element is TensorBoard's MetaGraphDef. The
text format nests the messages, so it is written from the parts and read with a
SavedModel class built at run time on TensorBoard's meta_graph.proto.
"""
import os

from ..engine.framework import file_io, proto
from ..engine.framework.meta_graph import MAX_META_GRAPH_BYTES
from . import constants

_TEXT_CLASS = None


def _text_class():
    """A SavedModel message class whose meta_graphs are TensorBoard's MetaGraphDef."""
    global _TEXT_CLASS
    if _TEXT_CLASS is None:
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory  # lazy: protos
        mg = proto.pb().meta_graph_pb2
        pool = descriptor_pool.DescriptorPool()
        for fd in _file_closure(mg.DESCRIPTOR):
            pool.Add(fd)
        f = descriptor_pb2.FileDescriptorProto(name="flowgrad/saved_model_text.proto",
                                               package="flowgrad_saved_model_text", syntax="proto3")
        f.dependency.append(mg.DESCRIPTOR.name)
        m = f.message_type.add(name="SavedModel")
        m.field.add(name="saved_model_schema_version", number=1, type=3, label=1)
        m.field.add(name="meta_graphs", number=2, type=11, label=3,
                    type_name=".tensorboard.MetaGraphDef")
        pool.Add(f)
        desc = pool.FindMessageTypeByName("flowgrad_saved_model_text.SavedModel")
        try:
            _TEXT_CLASS = message_factory.GetMessageClass(desc)
        except AttributeError:  # protobuf < 4.21
            _TEXT_CLASS = message_factory.MessageFactory(pool).GetPrototype(desc)
    return _TEXT_CLASS


def _file_closure(fdesc, seen=None):
    from google.protobuf import descriptor_pb2  # lazy: optional protos
    seen = set() if seen is None else seen
    out = []
    for dep in fdesc.dependencies:
        if dep.name not in seen:
            out += _file_closure(dep, seen)
    if fdesc.name not in seen:
        seen.add(fdesc.name)
        fp = descriptor_pb2.FileDescriptorProto()
        fdesc.CopyToProto(fp)
        out.append(fp)
    return out


def serialize(schema_version, meta_graphs, as_text=False):
    """The bytes of saved_model.pb (or .pbtxt with `as_text`) holding `meta_graphs`."""
    if as_text:
        msg = _text_class()(saved_model_schema_version=schema_version)
        for mg in meta_graphs:  # another pool's class: copied through its bytes
            msg.meta_graphs.add().ParseFromString(mg.SerializeToString())
        return proto.tf_text(msg).encode("utf-8")  # TF's str(proto): floats as doubles
    from ..protos import saved_model_pb2  # lazy: needs protobuf
    msg = saved_model_pb2.SavedModel(saved_model_schema_version=schema_version)
    msg.meta_graphs.extend(mg.SerializeToString(deterministic=True) for mg in meta_graphs)
    return msg.SerializeToString(deterministic=True)


def _read(path):
    """The bytes of `path`, a regular file of at most MAX_META_GRAPH_BYTES (OSError)."""
    try:
        fd, st = file_io.open_regular(path)
    except file_io.NotRegularFileError as e:
        raise OSError(f"Cannot parse file {path}: it is a {e.kind}, not a regular "
                      "file.") from None
    try:
        if st.st_size > MAX_META_GRAPH_BYTES:
            raise OSError(f"Cannot parse file {path}: {st.st_size} bytes, more than a "
                          f"SavedModel can have ({MAX_META_GRAPH_BYTES}).")
        return file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)


def parse_saved_model(export_dir):
    """(schema version, [meta_graph_pb2.MetaGraphDef]) of the SavedModel in `export_dir`:
    saved_model.pb, else saved_model.pbtxt, as TF. OSError naming the file."""
    from google.protobuf import message, text_format  # lazy: optional protos
    export_dir = os.fspath(export_dir)
    pb_path = os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PB)
    txt_path = os.path.join(export_dir, constants.SAVED_MODEL_FILENAME_PBTXT)
    MetaGraphDef = proto.pb().meta_graph_pb2.MetaGraphDef
    if os.path.lexists(pb_path):
        from ..protos import saved_model_pb2  # lazy: needs protobuf
        data = _read(pb_path)
        try:
            sm = saved_model_pb2.SavedModel.FromString(data)
            mgs = [MetaGraphDef.FromString(b) for b in sm.meta_graphs]
        except (message.DecodeError, RuntimeError, ValueError) as e:
            raise OSError(f"Cannot parse file {pb_path}: {e or 'not a SavedModel'}.") from None
        return sm.saved_model_schema_version, mgs
    if os.path.lexists(txt_path):
        data = _read(txt_path)
        msg = _text_class()()
        try:
            text_format.Merge(data.decode("utf-8"), msg)
        except (text_format.ParseError, UnicodeDecodeError) as e:
            raise OSError(f"Cannot parse file {txt_path}: {e}.") from None
        return msg.saved_model_schema_version, [MetaGraphDef.FromString(
            m.SerializeToString()) for m in msg.meta_graphs]
    raise OSError(f"SavedModel file does not exist at: {export_dir}/"
                  f"{{{constants.SAVED_MODEL_FILENAME_PBTXT}|"
                  f"{constants.SAVED_MODEL_FILENAME_PB}}}")

