"""Arrow record batches from the buffers the native module builds (`columns.rs`): one `bytes` object per
buffer, wrapped by pyarrow without a Python object per value."""

from __future__ import annotations

import pyarrow as pa

_TYPES = {
    "utf8": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float32": pa.float32(),
    "float64": pa.float64(),
    "date32": pa.date32(),
}


def batches(native: dict, schemas: dict[str, pa.Schema]) -> dict[str, pa.RecordBatch]:
    """The native tables as record batches with `schemas`, checked column by column."""
    out = {}
    for table, columns in native.items():
        schema = schemas[table]
        names = [column[0] for column in columns]
        if names != schema.names:
            raise AssertionError(f"{table}: the engine gave columns {names}, the schema says {schema.names}")
        arrays = []
        for field, (name, arrow_type, length, null_count, validity, offsets, values) in zip(schema, columns):
            if _TYPES[arrow_type] != field.type:
                raise AssertionError(f"{table}.{name}: the engine gave {arrow_type}, the schema says {field.type}")
            buffers = [None if validity is None else pa.py_buffer(validity)]
            if offsets is not None:
                buffers.append(pa.py_buffer(offsets))
            buffers.append(pa.py_buffer(values))
            arrays.append(pa.Array.from_buffers(field.type, length, buffers, null_count))
        out[table] = pa.RecordBatch.from_arrays(arrays, schema=schema)
    return out
