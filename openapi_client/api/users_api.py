"""The user the token belongs to."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient  # noqa: F401 - as generated; tests patch it here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting,
    public_methods, responses,
)

_CURRENT_USER = Endpoint("get_current_user_info", "GET", "/v1/users/me", responses("UserResponse", 403))


class UsersApi(ApiBase):
    """Who the token is: `get_current_user_info`, for the `user_id` that filters `list_agent_runs`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _get_current_user_info(
        self, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.UserResponse]:
        """Get Current User Info (GET /v1/users/me): the user of the token the call is made with.

        Reads share a limit of 60 per 30 s. Takes the same per-call keywords
        as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _CURRENT_USER.prepare(self, options)

    (get_current_user_info, get_current_user_info_with_http_info,
     get_current_user_info_without_preload_content) = public_methods(_get_current_user_info)

    # -- the generated names: the same methods under the names the contract gives them

    get_current_user_info_v1_users_me_get = get_current_user_info
    get_current_user_info_v1_users_me_get_with_http_info = get_current_user_info_with_http_info
    get_current_user_info_v1_users_me_get_without_preload_content = get_current_user_info_without_preload_content
    get_current_user_info_v1_users_me_get_0 = get_current_user_info
    get_current_user_info_v1_users_me_get_0_with_http_info = get_current_user_info_with_http_info
    get_current_user_info_v1_users_me_get_0_without_preload_content = get_current_user_info_without_preload_content
    get_current_user_info_v1_users_me_get_1 = get_current_user_info
    get_current_user_info_v1_users_me_get_1_with_http_info = get_current_user_info_with_http_info
    get_current_user_info_v1_users_me_get_1_without_preload_content = get_current_user_info_without_preload_content
