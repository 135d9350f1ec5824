"""Spam and abuse: the hidden field drops programs, and each address is rate limited."""

from __future__ import annotations

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory, override_settings

from feedback.models import Feedback
from localoffer.client_address import client_ip
from schools.models import SchoolPage

pytestmark = pytest.mark.django_db

SEND = "/feedback/"
NOW = "2026-03-02 10:00:00+00:00"


def test_a_program_that_fills_the_hidden_field_is_thanked_and_ignored(
    client: Client, school: SchoolPage
) -> None:
    response = client.post(
        SEND,
        {"page": str(school.pk), "comment": "Cheap pills", "website": "http://spam.example"},
    )

    assert response.status_code == 303
    thanks = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert thanks.find("h1").get_text(strip=True) == "Thank you for your feedback"
    assert not Feedback.objects.exists()


def test_people_do_not_see_the_hidden_field(client: Client, school: SchoolPage) -> None:
    page = BeautifulSoup(client.get(school.url).content, "html.parser")

    for trap in page.find_all("input", attrs={"name": "website"}):
        assert trap.find_parent("div").has_attr("hidden")
        assert trap["tabindex"] == "-1"


@override_settings(LOCALOFFER_FEEDBACK_RATES=("3/10m", "5/d"))
@time_machine.travel(NOW, tick=False)
def test_the_rate_limit_holds_per_address(client: Client, school: SchoolPage) -> None:
    for number in range(3):
        response = client.post(SEND, {"page": str(school.pk), "comment": f"Comment {number}"})
        assert response.status_code == 303

    refused = client.post(SEND, {"page": str(school.pk), "comment": "One too many"})

    assert refused.status_code == 429
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.find(class_="govuk-error-summary").find("h2").get_text() == (
        "Your feedback was not sent"
    )
    assert page.find("textarea", attrs={"name": "comment"}).get_text() == "One too many"
    assert Feedback.objects.count() == 3
    # Someone else, on another connection, is not held up.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(SEND, {"page": str(school.pk), "useful": "yes"}).status_code == 303


@override_settings(LOCALOFFER_FEEDBACK_RATES=("3/10m", "5/d"))
def test_the_daily_limit_holds_after_the_short_one_resets(
    client: Client, school: SchoolPage
) -> None:
    statuses = []
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(3):
            for _ in range(2):
                statuses.append(client.post(SEND, {"useful": "yes"}).status_code)
            clock.shift(60 * 11)

    assert statuses == [303, 303, 303, 303, 303, 429]
    assert Feedback.objects.count() == 5


@override_settings(LOCALOFFER_FEEDBACK_RATES=("1/10m",), LOCALOFFER_TRUSTED_PROXY_COUNT=1)
@time_machine.travel(NOW, tick=False)
def test_behind_a_proxy_each_visitor_is_limited_by_their_own_address(
    school: SchoolPage,
) -> None:
    proxy = "10.0.0.2"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    # A visitor cannot escape the limit by sending their own X-Forwarded-For.
    spoofing = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")

    assert first.post(SEND, {"useful": "yes"}).status_code == 303
    assert second.post(SEND, {"useful": "yes"}).status_code == 303
    assert spoofing.post(SEND, {"useful": "yes"}).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "198.51.100.7"),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7"},
            "198.51.100.7",
        ),
        (
            2,
            {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.2"},
            "198.51.100.7",
        ),
        (2, {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "10.0.0.3"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.2"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": " 2001:DB8::1 "}, "2001:db8::1"),
        (0, {"REMOTE_ADDR": ""}, "0.0.0.0"),
    ],
)
def test_the_client_address_rule(proxies: int, meta: dict[str, str], expected: str) -> None:
    request = RequestFactory().get("/", **meta)
    request.META.update(meta)

    with override_settings(LOCALOFFER_TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
