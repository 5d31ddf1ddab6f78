"""TensorShape.as_proto and TensorShape(TensorShapeProto) under TF 1.14 (what
assertProtoEquals in a script's tf.test tests compares): the proto's text and the shape
read back."""


def cases(tf):
    out = {}
    shapes = {"partial": [2, None, 3], "unknown": None, "scalar": [], "dims": [4, 0]}
    for name, dims in sorted(shapes.items()):
        p = tf.TensorShape(dims).as_proto()
        back = tf.TensorShape(p)
        out[name] = [str(p), back.ndims, None if back.ndims is None else back.as_list()]
    return out
