import pytest

from chat_ui import page_token


def test_round_trip_keeps_key_type():
    assert page_token.decode(page_token.encode("2026-11-25T09:00:00Z", "ses-1")) == ("2026-11-25T09:00:00Z", "ses-1")
    assert page_token.decode(page_token.encode(1764061200.5, "ses-2")) == (1764061200.5, "ses-2")


@pytest.mark.parametrize("token", ["", "not base64 !", "W10", page_token.encode("x", "y") + "zz", "WzEsMiwzXQ", "W3RydWUsImEiXQ"])
def test_anything_else_is_a_value_error(token):
    with pytest.raises(ValueError, match="invalid page_token"):
        page_token.decode(token)
