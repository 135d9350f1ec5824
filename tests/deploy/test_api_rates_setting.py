"""LOCALOFFER_API_RATES: the public APIs' limit per address can be set, never garbled."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from localoffer.settings.environment import Environment


def test_unset_keeps_the_settings_own_limits(monkeypatch):
    monkeypatch.delenv("LOCALOFFER_API_RATES", raising=False)
    assert Environment().api_rates == []


def test_a_load_test_may_raise_the_limits(monkeypatch):
    monkeypatch.setenv("LOCALOFFER_API_RATES", "1000000/m, 50000/10m,9/d")
    assert Environment().api_rates == ["1000000/m", "50000/10m", "9/d"]


@pytest.mark.parametrize("value", ["lots", "120/minute", "120", "/m", "120/m,3000/w"])
def test_a_garbled_limit_stops_the_site_starting_with_the_variable_named(monkeypatch, value):
    monkeypatch.setenv("LOCALOFFER_API_RATES", value)
    with pytest.raises(ImproperlyConfigured, match="LOCALOFFER_API_RATES must be rates like"):
        Environment()
