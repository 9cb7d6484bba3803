"""The safetensors codec: round trips for every dtype, order, BF16, and bytes built by hand."""
import json
import struct
import unittest
from collections import OrderedDict

import numpy as np

from openswarm import safetensors


def hand_built(header, data):
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((-len(text)) % 8)
    return struct.pack("<Q", len(text)) + text + data


class SafetensorsTest(unittest.TestCase):
    def test_round_trip_every_numpy_dtype(self):
        rng = np.random.default_rng(1)
        tensors = OrderedDict([
            ("f64", rng.standard_normal((2, 3))), ("f32", rng.standard_normal(4).astype(np.float32)),
            ("f16", rng.standard_normal((1, 2, 2)).astype(np.float16)),
            ("i64", np.array([-(2 ** 40), 0, 2 ** 40], np.int64)), ("i32", np.array([-5, 7], np.int32)),
            ("i16", np.array([[-300, 300]], np.int16)), ("i8", np.array([-128, 127], np.int8)),
            ("u8", np.array([0, 255], np.uint8)), ("bool", np.array([True, False, True])),
            ("scalar", np.array(3, np.int64)), ("empty", np.zeros((0, 3), np.float32)),
        ])
        out = safetensors.load(safetensors.save(tensors))
        self.assertEqual(list(out), list(tensors))
        for name, array in tensors.items():
            self.assertEqual(out[name].dtype, array.dtype, name)
            self.assertEqual(out[name].shape, array.shape, name)
            np.testing.assert_array_equal(out[name], array)
        dtypes = {name: d for name, (_, d) in safetensors.decode(safetensors.save(tensors)).items()}
        self.assertEqual(dtypes, {"f64": "F64", "f32": "F32", "f16": "F16", "i64": "I64", "i32": "I32",
                                  "i16": "I16", "i8": "I8", "u8": "U8", "bool": "BOOL", "scalar": "I64",
                                  "empty": "F32"})

    def test_order_kept_not_sorted(self):
        tensors = OrderedDict([("z", np.zeros(1, np.float32)), ("a", np.ones(1, np.int64)), ("m", np.ones(2))])
        data = safetensors.save(tensors)
        self.assertEqual(list(safetensors.load(data)), ["z", "a", "m"])
        length = struct.unpack("<Q", data[:8])[0]
        header = json.loads(data[8:8 + length], object_pairs_hook=OrderedDict)
        self.assertEqual(list(header), ["z", "a", "m", "__metadata__"])
        self.assertEqual(header["z"]["data_offsets"], [0, 4])
        self.assertEqual(header["a"]["data_offsets"], [4, 12])
        self.assertEqual(header["m"]["data_offsets"], [12, 28])

    def test_layout_exact(self):
        data = safetensors.save(OrderedDict([("w", np.array([1.0, -2.0], np.float32))]), metadata={"k": "v"})
        length = struct.unpack("<Q", data[:8])[0]
        self.assertEqual(length % 8, 0)
        header = json.loads(data[8:8 + length])
        self.assertEqual(header, {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                  "__metadata__": {"k": "v"}})
        self.assertEqual(data[8 + length:], struct.pack("<2f", 1.0, -2.0))
        self.assertEqual(safetensors.decode(data, with_metadata=True)[1], {"k": "v"})

    def test_reads_bytes_built_by_hand(self):
        data = struct.pack("<3d", 1.5, 2.5, -3.0) + struct.pack("<2q", -1, 2 ** 33) + struct.pack("<e", 0.5) \
            + bytes([1, 0]) + struct.pack("<H", 0x4049)
        header = OrderedDict([
            ("d", {"dtype": "F64", "shape": [3], "data_offsets": [0, 24]}),
            ("q", {"dtype": "I64", "shape": [1, 2], "data_offsets": [24, 40]}),
            ("h", {"dtype": "F16", "shape": [], "data_offsets": [40, 42]}),
            ("b", {"dtype": "BOOL", "shape": [2], "data_offsets": [42, 44]}),
            ("bf", {"dtype": "BF16", "shape": [1], "data_offsets": [44, 46]}),
            ("__metadata__", {"format": "pt"}),
        ])
        out = safetensors.load(hand_built(header, data))
        self.assertEqual(list(out), ["d", "q", "h", "b", "bf"])
        np.testing.assert_array_equal(out["d"], [1.5, 2.5, -3.0])
        np.testing.assert_array_equal(out["q"], [[-1, 2 ** 33]])
        self.assertEqual(out["h"].shape, ())
        self.assertEqual(float(out["h"]), 0.5)
        np.testing.assert_array_equal(out["b"], [True, False])
        self.assertEqual(out["bf"].dtype, np.float32)
        self.assertEqual(float(out["bf"][0]), 3.140625)  # 0x4049 as bfloat16

    def test_unpadded_header_is_read(self):
        text = b'{"x":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}'
        self.assertNotEqual(len(text) % 8, 0)
        out = safetensors.load(struct.pack("<Q", len(text)) + text + b"\x07")
        self.assertEqual(int(out["x"][0]), 7)

    def test_bf16_round_trip(self):
        values = np.array([1.0, -2.5, 3.140625, 0.0, 1e-3], np.float32)
        data = safetensors.save({"w": values}, dtypes={"w": "BF16"})
        decoded = safetensors.decode(data)
        self.assertEqual(decoded["w"][1], "BF16")
        bits = decoded["w"][0]
        self.assertEqual(bits.dtype, np.uint16)
        # raw bits back in: identical bytes (an exact round trip)
        self.assertEqual(safetensors.encode({"w": (bits, "BF16")}), data)
        widened = safetensors.load(data)["w"]
        np.testing.assert_array_equal(widened[:4], values[:4])  # exactly representable values survive
        self.assertAlmostEqual(float(widened[4]), 1e-3, places=5)
        # re-encoding the widened float32 as BF16 gives the same bytes again
        self.assertEqual(safetensors.save({"w": widened}, dtypes={"w": "BF16"}), data)

    def test_bf16_rounding_nearest_even(self):
        # 1 + 2^-8 lies halfway between bf16 1.0 and 1 + 2^-7: ties to even gives 1.0
        self.assertEqual(int(safetensors.float32_to_bf16_bits(np.float32(1 + 2 ** -8))), 0x3F80)
        self.assertEqual(int(safetensors.float32_to_bf16_bits(np.float32(1 + 3 * 2 ** -9))), 0x3F81)
        self.assertTrue(np.isnan(safetensors.bf16_bits_to_float32(
            safetensors.float32_to_bf16_bits(np.float32("nan")))))

    def test_errors(self):
        with self.assertRaises(ValueError):
            safetensors.load(b"\x01")
        with self.assertRaises(ValueError):
            safetensors.load(struct.pack("<Q", 100) + b"{}")
        with self.assertRaises(ValueError):
            safetensors.load(hand_built({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}, b"\0" * 4))
        with self.assertRaises(ValueError):
            safetensors.load(hand_built({"x": {"dtype": "C64", "shape": [1], "data_offsets": [0, 8]}}, b"\0" * 8))
        with self.assertRaises(ValueError):
            safetensors.save({"c": np.zeros(1, np.complex64)})
        with self.assertRaises(ValueError):
            safetensors.save({"__metadata__": np.zeros(1)})

    def test_big_endian_input_written_little_endian(self):
        data = safetensors.save({"x": np.array([1, 2], dtype=">i4")})
        self.assertTrue(data.endswith(struct.pack("<2i", 1, 2)))

    @unittest.skipUnless(safetensors.HAVE_SAFETENSORS_PACKAGE, "the safetensors package is not installed")
    def test_package_reads_our_bytes(self):
        from safetensors.numpy import load as st_load
        tensors = {"a": np.arange(4, dtype=np.float32), "b": np.array([1, 2], np.int64)}
        out = st_load(safetensors.save(tensors))
        for k, v in tensors.items():
            np.testing.assert_array_equal(out[k], v)


if __name__ == "__main__":
    unittest.main()
