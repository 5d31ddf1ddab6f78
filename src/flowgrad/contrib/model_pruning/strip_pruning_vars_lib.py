"""Removing the pruning variables from a frozen graph (TF 1.14 contrib/model_pruning/
python/strip_pruning_vars_lib.py): each `.../masked_weight` node becomes a Const of its
value, so the masks drop out of the subgraph of the outputs."""
import numpy as np

from ... import graph_util
from ... import logging
from ...engine.runtime.session import Session
from ...engine.framework import proto as _proto
from ...engine.framework.graph import Graph
from ...ops.tensor_util import make_tensor_proto
from ...train import checkpoint_management, saver as saver_lib


def _tensor_name(node_name):
    return node_name if ":" in node_name else node_name + ":0"


def _get_masked_weights(input_graph_def):
    """{node name: value} of the graph's nodes named `...masked_weight...`."""
    input_graph = Graph()
    with input_graph.as_default():
        graph_util.import_graph_def(input_graph_def, name="")
        with Session(graph=input_graph) as sess:
            masked_weights = {}
            for node in input_graph_def.node:
                if "masked_weight" in node.name:
                    value = sess.run(sess.graph.get_tensor_by_name(_tensor_name(node.name)))
                    logging.info("%s has %d values, %1.2f%% zeros \n", node.name,
                                 np.size(value),
                                 100 - float(100 * np.count_nonzero(value)) / np.size(value))
                    masked_weights[node.name] = value
    return masked_weights


def strip_pruning_vars_fn(input_graph_def, output_node_names):
    """The subgraph of `output_node_names` in a frozen GraphDef (variables converted to
    constants), each masked_weight node replaced by a Const of its value."""
    masked_weights = _get_masked_weights(input_graph_def)
    p = _proto.pb()
    pruned = p.graph_pb2.GraphDef()
    for node in input_graph_def.node:
        out = p.node_def_pb2.NodeDef()
        if "masked_weight" in node.name:
            out.op = "Const"
            out.name = node.name
            out.attr["dtype"].CopyFrom(node.attr["T"])
            out.attr["value"].CopyFrom(p.attr_value_pb2.AttrValue(
                tensor=make_tensor_proto(masked_weights[node.name])))
        else:
            out.CopyFrom(node)
        pruned.node.extend([out])
    return graph_util.extract_sub_graph(pruned, output_node_names)


def graph_def_from_checkpoint(checkpoint_dir, output_node_names):
    """The latest checkpoint's meta graph (devices cleared) restored and frozen: a GraphDef
    of the subgraph of `output_node_names` with its variables as constants."""
    checkpoint_path = checkpoint_management.latest_checkpoint(checkpoint_dir)
    if checkpoint_path is None:
        raise ValueError("Could not find a checkpoint at: {0}.".format(checkpoint_dir))
    saver_for_restore = saver_lib.import_meta_graph(checkpoint_path + ".meta",
                                                    clear_devices=True)
    with Session() as sess:
        saver_for_restore.restore(sess, checkpoint_path)
        graph_def = sess.graph.as_graph_def()
        return graph_util.convert_variables_to_constants(sess, graph_def, output_node_names)
