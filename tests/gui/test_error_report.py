"""What the error panel says, mapped by the error's type (subclasses included)."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from aitems_desktop.core import errors
from aitems_desktop.core.credentials import CredentialError, CredentialTimeoutError
from aitems_desktop.core.profiles import ProfileError, UnknownProfileError
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import ErrorAction, code_label, report_for


class ProxyDroppedError(errors.NetworkError):
    """A network error the GUI has never heard of."""


class PinnedCertificateError(errors.TlsError):
    pass


class ExpiredKeyError(errors.AuthenticationError):
    pass


def test_a_subclass_gets_its_ancestors_title_and_kind_of_action() -> None:
    tls = report_for(PinnedCertificateError("pinned", may_have_reached_server=False))
    assert tls.title == "The server's certificate was not accepted"
    assert tls.network
    assert tls.action is ErrorAction.OPEN_CREDENTIALS  # the CA bundle is in the profile
    proxy = report_for(ProxyDroppedError("dropped", may_have_reached_server=True))
    assert proxy.title == "Could not reach the service"
    assert proxy.network
    auth = report_for(ExpiredKeyError("Authentication failed.", http_status=401))
    assert auth.title == "Authentication failed"
    assert auth.action is ErrorAction.OPEN_CREDENTIALS
    assert not report_for(errors.ServerError("boom", http_status=503)).network


def test_a_subclass_of_a_network_error_is_looked_up_as_one() -> None:
    """After a create that may have reached the server fails, the name is looked up; when a
    network error's lookup finds nothing, nothing was created, whatever the error's class."""
    from aitems_desktop.core import usecases

    looked: list[str] = []

    def send() -> Any:
        raise ProxyDroppedError("The proxy dropped the connection.", may_have_reached_server=True)

    def look() -> None:
        looked.append("shop_reco")
        return

    engine = SimpleNamespace(
        generation=0,
        pause=lambda *args, **kwargs: None,
        bounded=lambda _s: contextlib.nullcontext(),
        time_left=lambda: None,
    )
    once = usecases.RecoveryPolicy(settle_seconds=0.0, quick_settle_seconds=0.0)
    with pytest.raises(ProxyDroppedError) as info:
        usecases._create(
            SimpleNamespace(engine=engine),  # type: ignore[arg-type]
            send,
            look,
            lambda _: True,
            name="shop_reco",
            policy=once,
        )
    assert looked == ["shop_reco"]
    assert info.value.nothing_created


def test_profile_errors_are_not_keyring_errors() -> None:
    broken = ProfileError("The profiles file could not be read (bad JSON).")
    assert not isinstance(broken, CredentialError)
    assert "keyring" not in broken.hint.lower()
    report = report_for(broken)
    assert report.title == "The profiles could not be read or saved"
    assert report.action is ErrorAction.OPEN_CREDENTIALS
    missing = report_for(UnknownProfileError("work"))
    assert (missing.title, missing.message) == ("Profile not found", "There is no profile “work”.")
    keyring = report_for(CredentialError("Could not read the secret of profile “work”: locked."))
    assert keyring.title == "The secret key could not be read or saved"
    timeout = report_for(CredentialTimeoutError("The keyring did not answer within 60 s."))
    assert timeout.title == "The keyring did not answer"
    assert timeout.action is ErrorAction.NONE  # the fix is an unlock prompt, not the dialog


def test_a_gateway_code_says_it_is_the_gateways() -> None:
    assert code_label("200") == "gateway error code 200"
    assert code_label("DUPLICATE_NAME") == "error code DUPLICATE_NAME"


@pytest.mark.parametrize(
    ("error", "title", "message"),
    [
        (
            errors.AuthenticationError(
                "Authentication failed.",
                http_status=401,
                error_code="200",
                details="Authentication Failed",
            ),
            "Authentication failed",
            "The NCP API Gateway did not accept the access key and secret key of this profile.",
        ),
        (
            errors.ForbiddenError("Forbidden.", http_status=403, error_code="230"),
            "Forbidden",
            "The NCP API Gateway refused this request for this account.",
        ),
    ],
)
def test_nothing_is_said_twice(error: errors.AitemsError, title: str, message: str) -> None:
    report = report_for(error)
    assert (report.title, report.message) == (title, message)
    assert report.details is None  # the gateway's "details" repeated its message


def test_the_services_generic_category_is_not_shown_as_details() -> None:
    duplicate = errors.DuplicateNameError(
        "[shop] is a duplicate name.",
        http_status=400,
        error_code="DUPLICATE_NAME",
        details="BAD_REQUEST",
    )
    assert report_for(duplicate).details is None
    # Details that say something stay.
    denied = errors.PermissionDeniedError(
        "Permission denied.", error_code="210", details="A subscription to the API is required."
    )
    assert report_for(denied).details == "A subscription to the API is required."


def test_the_panel_offers_the_credentials_dialog(qtbot: QtBot) -> None:
    panel = ErrorPanel()
    qtbot.addWidget(panel)
    panel.show_report(report_for(errors.AuthenticationError("Authentication failed.")))
    assert panel.credentials_button.isVisible()
    with qtbot.waitSignal(panel.credentials_requested, timeout=1000):
        panel.credentials_button.click()
    panel.show_report(report_for(errors.ServerError("boom")))
    assert not panel.credentials_button.isVisible()
    assert panel.ids_label.isHidden()
