"""Working out a repository's set-up commands, in an agent run."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

SetupBody = Union["models.GenerateSetupCommandsInput", Dict[str, Any]]

_SETUP = Endpoint(
    "generate_setup_commands", "POST", "/v1/organizations/{org_id}/setup-commands/generate",
    responses("SetupCommandsResponse"), body="GenerateSetupCommandsInput",
)


class SetupCommandsApi(ApiBase):
    """Start an agent run that works out a repository's set-up commands: `generate_setup_commands`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _generate_setup_commands(
        self, org_id: int, generate_setup_commands_input: SetupBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.SetupCommandsResponse]:
        """Generate Setup Commands (POST /v1/organizations/{org_id}/setup-commands/generate).

        Starts an agent run that studies repository `repo_id` and writes the
        commands that set it up; follow it by the returned `agent_run_id`.
        Limited to 5 per minute. As with `AgentsApi.create_agent_run`, a 429 is
        retried but a 5xx or a connection lost after sending is not: the run
        may exist. 404: no such repository; 400: invalid input.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _SETUP.prepare(self, options, path={"org_id": org_id}, body=generate_setup_commands_input)

    (generate_setup_commands, generate_setup_commands_with_http_info,
     generate_setup_commands_without_preload_content) = public_methods(_generate_setup_commands)

    # -- the generated names: the same methods under the names the contract gives them

    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post = generate_setup_commands
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_with_http_info = generate_setup_commands_with_http_info
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_without_preload_content = generate_setup_commands_without_preload_content
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_0 = generate_setup_commands
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_0_with_http_info = generate_setup_commands_with_http_info
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_0_without_preload_content = generate_setup_commands_without_preload_content
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_1 = generate_setup_commands
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_1_with_http_info = generate_setup_commands_with_http_info
    generate_setup_commands_v1_organizations_org_id_setup_commands_generate_post_1_without_preload_content = generate_setup_commands_without_preload_content
