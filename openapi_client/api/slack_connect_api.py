"""Slack connect tokens: link your Slack account to Codegen's Slack bot."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

TokenBody = Union["models.GenerateTokenRequest", Dict[str, Any]]

_SLACK_TOKEN = Endpoint(
    "generate_slack_connect_token_endpoint", "POST", "/v1/slack-connect/generate-token",
    responses("GenerateTokenResponse"), body="GenerateTokenRequest",
)


class SlackConnectApi(ApiBase):
    """A one-time token to connect your Slack account: `generate_slack_connect_token`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _generate_slack_connect_token_endpoint(
        self, generate_token_request: TokenBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.GenerateTokenResponse]:
        """Generate Slack Connect Token Endpoint (POST /v1/slack-connect/generate-token).

        A token for organisation `generate_token_request.org_id` that expires
        in 10 minutes and works once: send it to the Codegen bot in a Slack DM
        as ``Connect my account: <token>``. The contract states no rate limit.
        Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _SLACK_TOKEN.prepare(self, options, body=generate_token_request)

    (generate_slack_connect_token_endpoint, generate_slack_connect_token_endpoint_with_http_info,
     generate_slack_connect_token_endpoint_without_preload_content) = public_methods(_generate_slack_connect_token_endpoint)

    # -- a friendlier name, and the generated names: the same methods

    generate_slack_connect_token = generate_slack_connect_token_endpoint
    generate_slack_connect_token_with_http_info = generate_slack_connect_token_endpoint_with_http_info
    generate_slack_connect_token_without_preload_content = generate_slack_connect_token_endpoint_without_preload_content
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post = generate_slack_connect_token_endpoint
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post_with_http_info = generate_slack_connect_token_endpoint_with_http_info
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post_without_preload_content = generate_slack_connect_token_endpoint_without_preload_content
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post_0 = generate_slack_connect_token_endpoint
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post_0_with_http_info = generate_slack_connect_token_endpoint_with_http_info
    generate_slack_connect_token_endpoint_v1_slack_connect_generate_token_post_0_without_preload_content = generate_slack_connect_token_endpoint_without_preload_content
