"""Fault cases of the authorization area (fixtures/servers/faults/auth.py on the protected reference server).

Transport "protected" runs fixtures/servers/protected_server.py without a token, "protected+token"
with its token, "protected+code" without one but with --oauth-flow authorization-code; see `_run`
in test_conformance_faults.py; "protected-sse" and "protected-sse+token" its /sse endpoint over
--transport sse.
"""

PROTECTED, TOKEN, CODE = "protected", "protected+token", "protected+code"
D, T, C = ["auth-discovery"], ["auth-token-handling"], ["auth-authorization-code"]

CASES = [
    ("auth-403-without-token", "auth-unauthenticated-401", "fail", PROTECTED, "2025-11-25", D),
    ("auth-no-challenge", "auth-www-authenticate-bearer", "fail", PROTECTED, "2025-11-25", D),
    ("auth-basic-only", "auth-www-authenticate-bearer", "warn", PROTECTED, "2025-11-25", D),
    ("auth-no-resource-metadata", "auth-resource-metadata-discoverable", "fail", PROTECTED, "2025-06-18", D),
    ("auth-no-scope", "auth-challenge-scope", "warn", PROTECTED, "2025-11-25", D),
    ("auth-prm-advertised-404", "auth-prm-served", "fail", PROTECTED, "2025-11-25", D),
    ("auth-prm-wrong-resource", "auth-prm-resource-matches", "fail", PROTECTED, "2025-11-25", D),
    ("auth-prm-no-servers", "auth-prm-authorization-servers", "fail", PROTECTED, "2025-11-25", D),
    ("auth-as-metadata-404", "auth-as-metadata", "fail", PROTECTED, "2025-11-25", D),
    ("auth-as-oidc-only", "auth-as-metadata", "fail", PROTECTED, "2025-06-18", D),
    ("auth-as-wrong-issuer", "auth-as-issuer-matches", "fail", PROTECTED, "2025-11-25", D),
    ("auth-as-no-pkce", "auth-as-pkce-s256", "fail", PROTECTED, "2025-11-25", D),
    ("auth-as-no-pkce", "auth-as-pkce-s256", "warn", PROTECTED, "2025-06-18", D),
    ("auth-as-no-registration", "auth-as-registration", "warn", PROTECTED, "2025-11-25", D),
    ("auth-no-origin-metadata", "auth-2025-03-26-metadata", "warn", PROTECTED, "2025-03-26", D),
    ("auth-accept-any-token", "auth-invalid-token-401", "fail", PROTECTED, "2025-11-25", T),
    ("auth-invalid-token-no-error", "auth-invalid-token-error", "warn", PROTECTED, "2025-11-25", T),
    ("auth-accept-query-token", "auth-query-token-refused", "warn", TOKEN, "2025-11-25", T),
    ("auth-insufficient-scope-401", "auth-insufficient-scope-403", "fail", TOKEN, "2025-11-25", T),
    ("auth-insufficient-scope-401-named", "auth-insufficient-scope-403", "fail", TOKEN, "2025-11-25", T),
    ("auth-insufficient-scope-bare", "auth-insufficient-scope-challenge", "warn", TOKEN, "2025-11-25", T),
    ("auth-session-without-token", "auth-every-request-authorized", "fail", TOKEN, "2025-11-25", T),
    # "protected-sse": the same server's legacy HTTP+SSE endpoint (/sse), --transport sse
    ("auth-accept-any-token", "auth-invalid-token-401", "fail", "protected-sse", "2025-11-25", T),
    ("auth-accept-query-token", "auth-query-token-refused", "warn", "protected-sse+token", "2025-11-25", T),
    ("auth-insufficient-scope-401", "auth-insufficient-scope-403", "fail", "protected-sse+token", "2025-11-25", T),
    ("auth-session-without-token", "auth-every-request-authorized", "fail", "protected-sse+token", "2025-11-25", T),
    # "protected+code": no token given, --oauth-flow authorization-code obtains one
    ("auth-as-drops-state", "auth-as-state-preserved", "fail", CODE, "2025-11-25", C),
    ("auth-as-ignores-pkce", "auth-as-pkce-enforced", "fail", CODE, "2025-11-25", C),
    ("auth-as-register-broken", "auth-as-registration-works", "fail", CODE, "2025-11-25", C),
    ("auth-as-ignores-resource", "auth-as-honours-resource", "warn", CODE, "2025-11-25", C),
    ("auth-accept-foreign-token", "auth-token-audience", "fail", CODE, "2025-11-25", C),
]

# behaviours each revision's page allows: switched on, the check must still pass
TOLERATED = [
    ("auth-no-resource-metadata", "auth-resource-metadata-discoverable", PROTECTED, "2025-11-25", D),
    ("auth-as-oidc-only", "auth-as-metadata", PROTECTED, "2025-11-25", D),
    ("auth-issuer-with-path", "auth-as-metadata", PROTECTED, "2025-11-25", D),
    ("auth-issuer-with-path", "auth-as-issuer-matches", PROTECTED, "2025-11-25", D),
]
