"""What the tools scenarios (validator/conformance/scenarios/tools.py) need beyond the context API.

- `schema`: JSON Schema dialects per revision, meta-validation, `$ref` classification, a
  subschema walker (BASE-016, BASE-017);
- `synth`: arguments that satisfy a tool's inputSchema (and arguments that violate it);
- `regexgen`: a string that matches an ECMA-262-style `pattern`;
- `content`: semantic checks of CallToolResult content blocks (base64, MIME sniffing, URIs);
- `listing`: every page of `tools/list` with a loop guard, shared by the scenarios of a revision;
- `calls`: which tools may be called (`--call-tools`), and the calls themselves.

`jsonschema` is imported here, which is fine for `agentconform conformance` (it may import
heavy modules); `agentconform check` never imports this package.
"""

import warnings

# A server's own regex patterns may trigger `re` warnings ("Possible nested set ...") when
# jsonschema or the argument builder compiles them; they say nothing about our run.
warnings.filterwarnings("ignore", message="Possible nested set", category=FutureWarning)
