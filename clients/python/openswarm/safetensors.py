"""The safetensors format on numpy alone (docs/ml-api.md, "Parameters on the wire").

Layout: an 8-byte little-endian header length, a JSON header
``{"<name>": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}`` padded with spaces to a
multiple of 8 bytes, then the little-endian tensor data, offsets relative to the data start.

Tensors keep the caller's order (the header and the data are written in dict order, and read back in header order).
This module's codec is used even when the ``safetensors`` package is installed: the package sorts tensors and its numpy
API has no bfloat16; the bytes written here are plain safetensors that the package (and the Java client) read.

numpy has no bfloat16: ``load`` returns ``BF16`` tensors as float32 (the 16 bits shifted into the upper half, exact);
``decode`` returns them as the raw ``uint16`` bits with the dtype ``"BF16"``, and ``save``/``encode`` write ``BF16``
when asked through ``dtypes`` (float arrays are rounded to nearest even, ``uint16``/``int16`` arrays are taken as the
raw bits). So a BF16 tensor round-trips exactly through ``decode`` and ``encode``.
"""
import json
import struct
from collections import OrderedDict

import numpy as np

try:  # only reported: see the module docstring for why this codec is used either way
    import safetensors as _st  # noqa: F401
    HAVE_SAFETENSORS_PACKAGE = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_SAFETENSORS_PACKAGE = False

__all__ = ["save", "load", "encode", "decode", "DTYPES", "BF16"]

BF16 = "BF16"
#: safetensors dtype name -> numpy dtype (little-endian); BF16 is carried as uint16 bits.
DTYPES = OrderedDict([
    ("F64", np.dtype("<f8")), ("F32", np.dtype("<f4")), ("F16", np.dtype("<f2")), (BF16, np.dtype("<u2")),
    ("I64", np.dtype("<i8")), ("I32", np.dtype("<i4")), ("I16", np.dtype("<i2")), ("I8", np.dtype("i1")),
    ("U8", np.dtype("u1")), ("BOOL", np.dtype("?")),
])
_BY_KIND = {(np.dtype(v).kind, np.dtype(v).itemsize): k for k, v in DTYPES.items() if k != BF16}
MAX_HEADER_BYTES = 100 * 1024 * 1024


def dtype_name(array):
    """The safetensors dtype name of a numpy array (``ValueError`` for an unsupported dtype)."""
    dt = np.asarray(array).dtype
    name = _BY_KIND.get((dt.kind, dt.itemsize))
    if name is None:
        raise ValueError("dtype %s has no safetensors equivalent here; supported: %s"
                         % (dt, ", ".join(DTYPES)))
    return name


def float32_to_bf16_bits(array):
    """Rounds float values to bfloat16 (nearest, ties to even) and returns the raw ``uint16`` bits."""
    f = np.ascontiguousarray(np.asarray(array, dtype=np.float32))
    shape = f.shape
    f = f.reshape(-1)
    bits = f.view(np.uint32).astype(np.uint64)
    nan = np.isnan(f)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    if nan.any():
        rounded = np.where(nan, ((bits >> 16) | 0x40).astype(np.uint16), rounded)
    return rounded.reshape(shape)


def bf16_bits_to_float32(bits):
    """Widens raw bfloat16 bits (``uint16``) to float32, exactly."""
    b = np.asarray(bits)
    shape = b.shape
    b = np.ascontiguousarray(b).reshape(-1).view(np.uint16)
    return (b.astype(np.uint32) << 16).view(np.float32).reshape(shape)


def encode(tensors, metadata=None):
    """Writes ``{name: (array, dtype_name_or_None)}`` as safetensors bytes, in dict order."""
    header = OrderedDict()
    chunks = []
    offset = 0
    for name, entry in tensors.items():
        if not isinstance(name, str) or not name or name == "__metadata__":
            raise ValueError("tensor names have to be non-empty strings other than __metadata__, got %r" % (name,))
        array, dtype = entry
        array = np.asarray(array)
        if dtype is None:
            dtype = dtype_name(array)
        dtype = dtype.upper()
        if dtype not in DTYPES:
            raise ValueError("tensor %s: dtype %s is not one of %s" % (name, dtype, ", ".join(DTYPES)))
        if dtype == BF16:
            if array.dtype.kind in "ui" and array.dtype.itemsize == 2:
                data = np.ascontiguousarray(array).view(np.uint16)
            else:
                data = float32_to_bf16_bits(array)
        else:
            data = array.astype(DTYPES[dtype], copy=False)
        raw = np.ascontiguousarray(data).astype(DTYPES[dtype].newbyteorder("<"), copy=False).tobytes()
        header[name] = OrderedDict([("dtype", dtype), ("shape", [int(d) for d in array.shape]),
                                    ("data_offsets", [offset, offset + len(raw)])])
        chunks.append(raw)
        offset += len(raw)
    header["__metadata__"] = OrderedDict((str(k), str(v)) for k, v in (metadata or {}).items())
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((-len(text)) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def save(tensors, metadata=None, dtypes=None):
    """``dict[str, np.ndarray]`` -> safetensors bytes; ``dtypes`` may name a dtype per tensor (e.g. ``"BF16"``)."""
    dtypes = dtypes or {}
    return encode(OrderedDict((k, (v, dtypes.get(k))) for k, v in tensors.items()), metadata)


def decode(data, with_metadata=False):
    """Safetensors bytes -> ``{name: (array, dtype_name)}`` in header order; BF16 arrays are ``uint16`` bits."""
    data = bytes(data) if not isinstance(data, (bytes, bytearray, memoryview)) else data
    view = memoryview(data)
    if len(view) < 8:
        raise ValueError("not safetensors: %d bytes, fewer than the 8-byte header length" % len(view))
    (length,) = struct.unpack("<Q", view[:8])
    if length > MAX_HEADER_BYTES or 8 + length > len(view):
        raise ValueError("not safetensors: header length %d does not fit in %d bytes" % (length, len(view)))
    try:
        header = json.loads(bytes(view[8:8 + length]).decode("utf-8"), object_pairs_hook=OrderedDict)
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError("not safetensors: the header is not JSON (%s)" % e)
    if not isinstance(header, dict):
        raise ValueError("not safetensors: the header is not a JSON object")
    body = view[8 + length:]
    metadata = header.pop("__metadata__", None) or {}
    out = OrderedDict()
    for name, info in header.items():
        try:
            dtype = info["dtype"]
            shape = [int(d) for d in info["shape"]]
            begin, end = (int(x) for x in info["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise ValueError("not safetensors: tensor %s lacks dtype, shape or data_offsets" % name)
        if dtype not in DTYPES:
            raise ValueError("tensor %s: unsupported dtype %s" % (name, dtype))
        np_dtype = DTYPES[dtype]
        count = 1
        for d in shape:
            if d < 0:
                raise ValueError("tensor %s: negative dimension in shape %s" % (name, shape))
            count *= d
        if not (0 <= begin <= end <= len(body)) or end - begin != count * np_dtype.itemsize:
            raise ValueError("tensor %s: data_offsets [%d, %d] do not match shape %s of %s within %d data bytes"
                             % (name, begin, end, shape, dtype, len(body)))
        array = np.frombuffer(body[begin:end], dtype=np_dtype).reshape(shape).copy()
        out[name] = (array.astype(np_dtype.newbyteorder("="), copy=False), dtype)
    return (out, metadata) if with_metadata else out


def load(data):
    """Safetensors bytes -> ``dict[str, np.ndarray]`` in header order; BF16 tensors come back as float32."""
    out = OrderedDict()
    for name, (array, dtype) in decode(data).items():
        out[name] = bf16_bits_to_float32(array) if dtype == BF16 else array
    return out
