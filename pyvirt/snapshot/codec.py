"""Plain data <-> bytes for snapshot sections: JSON (ints of any size, str, lists, dicts with
str keys, None, bools) with byte strings tagged as {"$bytes": base64}. Tuples come back as
lists; a dict with a non-str key is refused rather than silently changed."""
import base64
import json

BYTES_TAG = "$bytes"


def _check_keys(value):
    """Raise TypeError if a dict anywhere in value has a non-str key (JSON would turn it into a str)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"snapshot state has a non-str dict key {key!r}")
            _check_keys(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_keys(item)


def _tag_bytes(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {BYTES_TAG: base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"snapshot state holds a {type(value).__name__}, not plain data")


def _untag_bytes(obj):
    if len(obj) == 1 and BYTES_TAG in obj:
        return base64.b64decode(obj[BYTES_TAG])
    return obj


def encode(value) -> bytes:
    """Plain data -> UTF-8 JSON bytes (deterministic: keys keep their order)."""
    _check_keys(value)
    return json.dumps(value, default=_tag_bytes, separators=(",", ":")).encode()


def decode(data: bytes):
    """The inverse of encode (ValueError on malformed data)."""
    return json.loads(data.decode(), object_hook=_untag_bytes)
