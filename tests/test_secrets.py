"""Secret detection: real-looking credentials are found; placeholders never are."""

from __future__ import annotations

import pytest

from validator.secrets import classify_value, entropy, find_secrets, is_placeholder

# Synthetic credentials in the real formats (random, never issued).
GITHUB = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
GITHUB_FINE = "github_pat_11ABCDEFG0" + "a1B2c3D4e5F6g7H8i9J0" * 3 + "kLmNoP"
OPENAI = "sk-proj-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb7Nm6Mq5Wn4"
ANTHROPIC = "sk-ant-api03-" + "Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk1Ll2Mm3Nn4Oo5Pp6Qq7Rr8Ss9Tt0Uu1Vv2Ww3Xx4Yy5Zz6_-Aa"
AWS = "AKIA" + "Q3EGRTYZ7M2KX4PL"
SLACK = "xoxb-" + "2418573920-4821937465-aZ8xQ2wV6nM4pL0kJ3hG"
GOOGLE = "AIza" + "SyB7x-9QmK2pLw4Rt6Yz8Nc1Vd3Fg5Hj7Kl"
STRIPE = "sk_live_" + "51HxQ2aBc3De4Fg5Hi6Jk7Lm"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"


@pytest.mark.parametrize(("text", "kind"), [
    (f"export GITHUB_TOKEN={GITHUB}", "GitHub token"),
    (f"token: {GITHUB_FINE}", "GitHub fine-grained token"),
    (f'"OPENAI_API_KEY": "{OPENAI}"', "OpenAI API key"),
    (f"key {ANTHROPIC}", "Anthropic API key"),
    (f"aws_access_key_id = {AWS}", "AWS access key id"),
    (f"SLACK={SLACK}", "Slack token"),
    (f"maps key {GOOGLE}", "Google API key"),
    (f"stripe {STRIPE}", "Stripe live key"),
    (f"cookie {JWT}", "JSON Web Token"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x9Qz2Lk8Vb5Nm3Rt6Yw1Pq4Sd7Fg0Hj2Kl5Zx8Cv3Bn6Mq9Wr2\n", "private key"),
    ("Authorization: Bearer 4fT9qL2mZ8xW1vR7nK3pY6sD0hJ5gB", "bearer token"),
])
def test_real_formats_are_found(text: str, kind: str) -> None:
    hits = find_secrets(text)
    assert [hit.kind for hit in hits] == [kind]
    assert text[hits[0].start:hits[0].end]


@pytest.mark.parametrize("text", [
    "GITHUB_TOKEN=${env:GITHUB_TOKEN}",
    "Authorization: Bearer ${input:token}",
    "Authorization: Bearer <YOUR_TOKEN_HERE>",
    "OPENAI_API_KEY=sk-...",
    "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sk_live_... or sk_test_...",
    "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
    "Bearer your-api-key-goes-here-please",
    "Use `Authorization: Bearer $TOKEN` for requests.",
    '-H "Authorization: Bearer YOUR_PERSONAL_ACCESS_TOKEN"',
    "Authorization: Bearer GITHUB_TOKEN_FROM_THE_ENVIRONMENT",
    '# SLACK_BOT_TOKEN: "xoxb-your-bot-token"',  # audit 17: a commented config template
])
def test_placeholders_are_not_secrets(text: str) -> None:
    assert find_secrets(text) == []


@pytest.mark.parametrize(("name", "value", "found"), [
    ("API_KEY", "q8Zt2Lw9Xv4Nm1Rb7Kp3Yd6Fs0Hj5Gc", True),
    ("DATABASE_PASSWORD", "Tr0ub4dor&3xYz!Qw9Lk", True),
    ("Authorization", "Bearer 4fT9qL2mZ8xW1vR7nK3pY6sD0hJ5gB", True),
    ("GITHUB_TOKEN", GITHUB, True),
    ("API_KEY", "", False),
    ("API_KEY", "your-api-key", False),
    ("API_KEY", "${API_KEY}", False),
    ("API_KEY", "$API_KEY", False),
    ("API_KEY", "%API_KEY%", False),
    ("API_KEY", "<api key>", False),
    ("API_KEY", "changeme", False),
    ("PASSWORD", "password", False),
    ("LOG_LEVEL", "q8Zt2Lw9Xv4Nm1Rb7Kp3Yd6Fs0Hj5Gc", False),
    ("TOKEN_LIMIT", "4096", False),
    ("API_KEY", "1234567890abcdef", False),
    ("REGION", "us-east-1", False),
    # word slugs are names, not random keys (a dev key committed on purpose in a public repo's .mcp.json)
    ("SHODH_API_KEY", "sk-shodh-dev-local-testing-key", False),
    ("API_KEY", "my_local_dev_api_key", False),
    # ... while a random value that happens to contain dashes still is one
    ("API_KEY", "sk-q8Zt2Lw9-Xv4Nm1Rb7-Kp3Yd6Fs", True),
    ("SESSION_SECRET", "k3f9-x8q2-m4z7-p1w6-r5t0", True),
    ("API_KEY", "Q3EGRTYZ7M2KX4PLW8NB5VC1", True),
    ("API_KEY", "YOUR_PERSONAL_API_KEY", False),
])
def test_classify_config_values(name: str, value: str, found: bool) -> None:
    assert (classify_value(value, name=name) is not None) is found


def test_helpers() -> None:
    assert entropy("aaaa") == 0
    assert entropy("abcd") == 2
    assert is_placeholder("xxx") and is_placeholder("${{ secrets.TOKEN }}") and not is_placeholder(GITHUB)


def test_issuers_published_samples_are_not_secrets() -> None:
    """jwt.io's debugger sample is quoted in countless tests; it names nobody's credential (holdout audit)."""
    sample = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
              ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
    assert find_secrets(f'Authorization: "Bearer {sample}"') == []
    other = sample.replace("IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ", "IkFsaWNlIFNtaXRoIiwiaWF0IjoxNzAwMDAwMDAwfQ")
    assert find_secrets(f'token = "{other}"'), "another JWT is still a secret"
