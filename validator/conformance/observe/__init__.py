"""Shared observation (layer 4): what the area scenarios judge, gathered once per revision.

- `listing`: the one list walker (every page of a `*/list`, with its cursor, loop and repeat
  problems), its pages shared by every walker of that list;
- `content`: the one content judge (content block types per revision, strict and lenient
  base64, MIME sniffing, resource contents, annotations, icons, URIs);
- `primitives`: resource reads, template reads, prompt gets, completions and the verdict helpers;
- `tools`: the tools area's shared listing, schema analysis and calls behind one capability gate;
- `schema`, `synth`, `regexgen`, `uritemplate`, `calls`: JSON Schema dialects and subschemas,
  argument synthesis, RFC 6570 templates, the tool calls themselves;
- `clients`, `matrix`: what real MCP hosts accept, and every listed tool held against each.

May import `protocol` (sessions, replies, revisions) and `suite` (check data); never `areas`.
`jsonschema` is imported here, which is fine for `agentconform conformance` (it may import
heavy modules); `agentconform check` never imports this package.
"""

import warnings

# A server's own regex patterns may trigger `re` warnings ("Possible nested set ...") when
# jsonschema or the argument builder compiles them; they say nothing about our run.
warnings.filterwarnings("ignore", message="Possible nested set", category=FutureWarning)
