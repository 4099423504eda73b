"""The users of an organisation, and the user the token belongs to."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.arguments import check_page, query_params
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_USERS_PATH = "/v1/organizations/{org_id}/users"
_CURRENT_USER = Endpoint("get_current_user_info", "GET", "/v1/users/me", responses("UserResponse", 403))
_USERS = Endpoint("get_users", "GET", _USERS_PATH, responses("PageUserResponse", 403))
_USER = Endpoint(
    "get_user", "GET", _USERS_PATH + "/{user_id}",
    {**responses("UserResponse", 403), "404": "UserNotFoundErrorResponse"},
)


class UsersApi(ApiBase):
    """Who the token is (`get_current_user_info`), and who is in an organisation (`get_users`, `get_user`).

    A user's `id` is what `AgentsApi.list_agent_runs` takes as `user_id`.

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

    def _get_users(
        self, org_id: int, skip: Optional[int] = None, limit: Optional[int] = None, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.PageUserResponse]:
        """Get Users (GET /v1/organizations/{org_id}/users): one page of the organisation's users.

        :param skip: users to pass over (the server's default is 0).
        :param limit: users per page, 1 to 100 (the server's default is 100).

        A parameter left at None is not sent. Reads share a limit of 60 per
        30 s. Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        check_page(_USERS.name, skip, limit)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _USERS.prepare(self, options, path={"org_id": org_id}, query=query_params(skip=skip, limit=limit))

    get_users, get_users_with_http_info, get_users_without_preload_content = public_methods(_get_users)

    def _get_user(
        self, org_id: int, user_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.UserResponse]:
        """Get User (GET /v1/organizations/{org_id}/users/{user_id}): one user of the organisation.

        The caller must be a member of the organisation. An unknown `user_id`
        raises `NotFoundException`, whose `.data` is a `UserNotFoundErrorResponse`.
        Reads share a limit of 60 per 30 s. Takes the same per-call keywords as
        `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _USER.prepare(self, options, path={"org_id": org_id, "user_id": user_id})

    get_user, get_user_with_http_info, get_user_without_preload_content = public_methods(_get_user)

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
    get_users_v1_organizations_org_id_users_get = get_users
    get_users_v1_organizations_org_id_users_get_with_http_info = get_users_with_http_info
    get_users_v1_organizations_org_id_users_get_without_preload_content = get_users_without_preload_content
    get_users_v1_organizations_org_id_users_get_0 = get_users
    get_users_v1_organizations_org_id_users_get_0_with_http_info = get_users_with_http_info
    get_users_v1_organizations_org_id_users_get_0_without_preload_content = get_users_without_preload_content
    get_users_v1_organizations_org_id_users_get_1 = get_users
    get_users_v1_organizations_org_id_users_get_1_with_http_info = get_users_with_http_info
    get_users_v1_organizations_org_id_users_get_1_without_preload_content = get_users_without_preload_content
    get_user_v1_organizations_org_id_users_user_id_get = get_user
    get_user_v1_organizations_org_id_users_user_id_get_with_http_info = get_user_with_http_info
    get_user_v1_organizations_org_id_users_user_id_get_without_preload_content = get_user_without_preload_content
    get_user_v1_organizations_org_id_users_user_id_get_0 = get_user
    get_user_v1_organizations_org_id_users_user_id_get_0_with_http_info = get_user_with_http_info
    get_user_v1_organizations_org_id_users_user_id_get_0_without_preload_content = get_user_without_preload_content
    get_user_v1_organizations_org_id_users_user_id_get_1 = get_user
    get_user_v1_organizations_org_id_users_user_id_get_1_with_http_info = get_user_with_http_info
    get_user_v1_organizations_org_id_users_user_id_get_1_without_preload_content = get_user_without_preload_content
