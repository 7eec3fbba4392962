"""The checks of an ID token (signature, algorithm, issuer, audience, expiry with its leeway,
nonce), the person cookie the gate hands the app, and the identity settings."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from chat_ui.access import oidc
from chat_ui.access.person import Person, person_from_value, person_value, with_person, without_person
from chat_ui.access.settings import AccessSettings, check

ISSUER, CLIENT = "https://idp.example.test", "chat-app"
META = {"issuer": ISSUER, "jwks_uri": ISSUER + "/jwks", "id_token_signing_alg_values_supported": ["RS256"]}
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
OTHER = RSAKey.generate_key(2048, parameters={"kid": "k1"})
S = AccessSettings(auth="oidc", oidc_issuer=ISSUER, oidc_client_id=CLIENT, public_url="https://chat.example.test")


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    oidc._keys[META["jwks_uri"]] = KeySet([RSAKey.import_key(KEY.as_dict(private=False))])

    async def no_network(uri):  # a refetch finds the same keys
        return {"keys": [KEY.as_dict(private=False)]}

    monkeypatch.setattr(oidc, "_get_json", no_network)
    yield
    oidc.forget_provider()


def token(key=KEY, alg="RS256", **changes) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": CLIENT, "sub": "alice", "iat": now, "exp": now + 300, "nonce": "n-1",
              "email": "alice@example.test", **changes}
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": alg, "kid": "k1"}, claims, key)


async def test_a_good_token_passes():
    claims = await oidc.validate_id_token(S, META, token(), "n-1")
    assert claims["sub"] == "alice" and claims["email"] == "alice@example.test"


@pytest.mark.parametrize("bad", [
    {"key": OTHER},  # signed by someone else
    {"iss": "https://evil.example.test"},
    {"aud": "another-app"},
    {"aud": ["another-app", "third"]},
    {"exp": int(time.time()) - 120},  # past the leeway
    {"nonce": "replayed"},
    {"nonce": None},
    {"sub": None},
    {"iat": None},
])
async def test_a_token_that_fails_a_check_is_refused(bad):
    with pytest.raises(oidc.InvalidToken):
        await oidc.validate_id_token(S, META, token(**bad), "n-1")


async def test_a_little_clock_skew_is_allowed():
    await oidc.validate_id_token(S, META, token(exp=int(time.time()) - 20), "n-1")


async def test_an_algorithm_the_provider_does_not_announce_is_refused():
    secret = OctKey.generate_key(256, parameters={"kid": "k1"})
    with pytest.raises(oidc.InvalidToken):
        await oidc.validate_id_token(S, META, token(key=secret, alg="HS256"), "n-1")
    unsigned = token().rsplit(".", 1)[0].split(".", 1)[1]
    with pytest.raises(oidc.InvalidToken):  # alg "none"
        await oidc.validate_id_token(S, META, "eyJhbGciOiJub25lIn0." + unsigned + ".", "n-1")


async def test_several_audiences_need_this_client_as_the_authorized_party():
    with pytest.raises(oidc.InvalidToken):
        await oidc.validate_id_token(S, META, token(aud=[CLIENT, "other"], azp="other"), "n-1")
    await oidc.validate_id_token(S, META, token(aud=[CLIENT, "other"], azp=CLIENT), "n-1")


def test_the_person_cookie_is_signed_and_expires():
    person = Person("a1", "Alice", "a@x.test", True, time.time() + 60)
    value = person_value(person)
    assert person_from_value(value) == person
    assert person_from_value(value[:-3] + "abc") is None
    assert person_from_value(person_value(Person("a1", "A", "a@x", False, time.time() - 1))) is None
    jar = with_person("chat_ui_person=forged; other=1", person)
    assert jar.count("chat_ui_person=") == 1 and "forged" not in jar and without_person(jar) == "other=1"


def test_the_settings_refuse_a_gate_that_is_not_the_one_asked_for():
    assert check(AccessSettings(auth="oidc")) and check(AccessSettings(auth="password"))
    assert check(AccessSettings(auth="bogus"))  # type: ignore[arg-type]
    assert check(AccessSettings(auth="header", trusted_proxies=("nonsense",)))
    assert not check(S) and not check(AccessSettings(auth="header")) and not check(AccessSettings())


def test_a_password_alone_still_means_the_password_gate(monkeypatch):
    monkeypatch.setenv("CHAT_UI_PASSWORD", "pw")
    assert AccessSettings.from_env().auth == "password"
    monkeypatch.setenv("CHAT_UI_AUTH", "NONE")
    assert AccessSettings.from_env().auth == "none"


def test_sign_out_may_lead_to_the_provider_and_nowhere_else(monkeypatch):
    from chat_ui.access.headers import content_security_policy, provider_origin

    assert provider_origin() == ""
    monkeypatch.setenv("CHAT_UI_AUTH", "oidc")
    monkeypatch.setenv("CHAT_UI_OIDC_ISSUER", "https://login.example.test/realms/corp/")
    assert provider_origin() == "https://login.example.test"
    policy = content_security_policy([], "", provider_origin())
    assert "form-action 'self' https://login.example.test;" in policy
