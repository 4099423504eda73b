"""The API classes, one per tag of the contract."""

from openapi_client.api.agents_alpha_api import AgentsAlphaApi
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api.agents_beta_api import AgentsBetaApi
from openapi_client.api.check_suite_settings_api import CheckSuiteSettingsApi
from openapi_client.api.cli_rules_api import CliRulesApi
from openapi_client.api.integrations_api import IntegrationsApi
from openapi_client.api.organizations_api import OrganizationsApi
from openapi_client.api.pull_requests_api import PullRequestsApi
from openapi_client.api.repositories_api import RepositoriesApi
from openapi_client.api.sandbox_api import SandboxApi
from openapi_client.api.setup_commands_api import SetupCommandsApi
from openapi_client.api.slack_connect_api import SlackConnectApi
from openapi_client.api.users_api import UsersApi

__all__ = [
    "AgentsApi", "AgentsAlphaApi", "AgentsBetaApi", "OrganizationsApi", "UsersApi", "RepositoriesApi",
    "CheckSuiteSettingsApi", "CliRulesApi", "IntegrationsApi", "PullRequestsApi", "SandboxApi", "SetupCommandsApi",
    "SlackConnectApi",
]
