"""The API classes, one per tag of the contract."""

from openapi_client.api.agents_api import AgentsApi

__all__ = ["AgentsApi"]
