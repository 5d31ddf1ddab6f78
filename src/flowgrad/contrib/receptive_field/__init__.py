"""tf.contrib.receptive_field: the receptive field, effective stride and effective padding
of a convolutional network, read from its GraphDef (TF 1.14's receptive_field_api).

    rf = tf.contrib.receptive_field.compute_receptive_field_from_graph_def(
        graph, "input_image", "conv3/Relu")
    rf.size, rf.stride, rf.padding       # (x, y) each
"""
from .graph_compute_order import get_compute_order
from .receptive_field import compute_receptive_field_from_graph_def

__all__ = ["compute_receptive_field_from_graph_def", "get_compute_order"]
