"""Models of the data contract (docs: data.md): one per file, a docstring per field, which the staff guide and
the JSON Schemas are made from; value types turn one cell's text into a typed value or a coded error."""
