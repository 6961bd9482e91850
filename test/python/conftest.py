"""Clients for the scenario suite, pointed at the emulator named by the environment."""
import os

import pytest
from azure.communication.identity import CommunicationIdentityClient
from azure.communication.rooms import RoomsClient


def _connection_string() -> str:
    value = os.environ.get("ACS_EMULATOR_CONNECTION_STRING")
    if not value:
        pytest.fail(
            "ACS_EMULATOR_CONNECTION_STRING is not set: start the emulator (with --tls) and "
            "export its connection string; test/emulator/python-client.test.ts does this"
        )
    return value


def _client_options() -> dict:
    # The Python SDK signs and sends over HTTPS; the emulator's self-signed certificate is
    # trusted through azure-core's per-client connection_verify option.
    ca_file = os.environ.get("ACS_EMULATOR_CA_FILE")
    return {"connection_verify": ca_file} if ca_file else {}


@pytest.fixture(scope="session")
def rooms() -> RoomsClient:
    # azure-communication-rooms 1.2.0 puts its default api-version, an enum, into nextLink
    # requests as "ApiVersion.V2025_03_13" on Python 3.11+, which any service rejects with
    # UnsupportedApiVersion. Naming the version as a plain string avoids that.
    return RoomsClient.from_connection_string(
        _connection_string(), api_version="2025-03-13", **_client_options()
    )


@pytest.fixture(scope="session")
def identity() -> CommunicationIdentityClient:
    return CommunicationIdentityClient.from_connection_string(
        _connection_string(), **_client_options()
    )
