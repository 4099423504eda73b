"""The API classes, one per tag of the contract."""

from openapi_client.api.agents_alpha_api import AgentsAlphaApi
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api.agents_beta_api import AgentsBetaApi
from openapi_client.api.organizations_api import OrganizationsApi
from openapi_client.api.repositories_api import RepositoriesApi
from openapi_client.api.users_api import UsersApi

__all__ = ["AgentsApi", "AgentsAlphaApi", "AgentsBetaApi", "OrganizationsApi", "UsersApi", "RepositoriesApi"]
