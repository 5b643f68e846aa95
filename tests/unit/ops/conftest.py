"""The recording HTTP server's fixture, shared with the compose tests."""

from tests.unit.test_compose import recorder  # noqa: F401 - a fixture, found by pytest by name
