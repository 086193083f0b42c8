"""Front ends that turn file text into values with positions.

`json` (strict and JSONC), `yaml`, `toml` and `markdown` each answer with a
`StructuredDocument` (or a Markdown document) whose paths map to offsets, and raise
`ParseError` with an offset when the text is not well-formed. `text` decodes bytes
and maps offsets to 1-based lines and columns.
"""
