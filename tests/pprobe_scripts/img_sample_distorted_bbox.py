"""sample_distorted_bounding_box with op seeds (seed and seed2), area/aspect ranges, max
attempts and use_image_if_no_bounding_boxes over three runs."""
import tensorflow as tf

tf.set_random_seed(3)
g = tf.get_default_graph()
boxes = tf.constant([[[0.1, 0.2, 0.7, 0.9]]], tf.float32)
res = []
res.append(
    tf.image.sample_distorted_bounding_box(
        tf.constant([40, 50, 3]), bounding_boxes=boxes, seed=2, seed2=7, min_object_covered=0.1
    )
)
print(len(g.get_operations()))
res.append(
    tf.image.sample_distorted_bounding_box(
        tf.constant([40, 50, 3]),
        bounding_boxes=boxes,
        seed=5,
        min_object_covered=0.5,
        aspect_ratio_range=(0.5, 2.0),
        area_range=(0.1, 0.9),
        max_attempts=50,
    )
)
print(len(g.get_operations()))
res.append(
    tf.image.sample_distorted_bounding_box(
        tf.constant([17, 23, 1]),
        bounding_boxes=tf.zeros([1, 0, 4]),
        use_image_if_no_bounding_boxes=True,
        seed=8,
    )
)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(3):
        for i, t in enumerate(res):
            b, sz, bb = s.run(t)
            print(r, i, b.tolist(), sz.tolist(), bb.ravel().tolist())
