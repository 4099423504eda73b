"""A repository's check-suite settings: how agents treat its failing CI checks.

The contract lists these two operations under ``repositories`` and
``check-suite-settings``, so `RepositoriesApi` and `CheckSuiteSettingsApi`
both have them, from `CheckSuiteSettingsBase`. They declare no
``authorization`` parameter; the configured token is sent as for any call.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.arguments import check_int, query_params
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

SettingsBody = Union["models.CheckSuiteSettingsRequest", Dict[str, Any]]

_SETTINGS_PATH = "/v1/organizations/{org_id}/repos/check-suite-settings"
_GET_SETTINGS = Endpoint("get_check_suite_settings", "GET", _SETTINGS_PATH, responses("CheckSuiteSettingsResponse"))
_UPDATE_SETTINGS = Endpoint(
    "update_check_suite_settings", "PUT", _SETTINGS_PATH, responses("Dict[str, object]"),
    body="CheckSuiteSettingsRequest",
)


class CheckSuiteSettingsBase(ApiBase):
    """The check-suite operations, shared by `RepositoriesApi` and `CheckSuiteSettingsApi`."""

    def _get_check_suite_settings(
        self, org_id: int, repo_id: int,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.CheckSuiteSettingsResponse]:
        """Get Check Suite Settings (GET /v1/organizations/{org_id}/repos/check-suite-settings).

        The settings of repository `repo_id` (sent in the query). The contract
        states no rate limit. Takes the per-call keywords of `AgentsApi.create_agent_run`
        except `authorization`, which the contract does not declare here.
        """
        check_int(_GET_SETTINGS.name, "repo_id", repo_id)
        options = RequestOptions(None, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _GET_SETTINGS.prepare(self, options, path={"org_id": org_id}, query=query_params(repo_id=repo_id))

    (get_check_suite_settings, get_check_suite_settings_with_http_info,
     get_check_suite_settings_without_preload_content) = public_methods(_get_check_suite_settings)

    def _update_check_suite_settings(
        self, org_id: int, repo_id: int, check_suite_settings_request: SettingsBody,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[Dict[str, object]]:
        """Update Check Suite Settings (PUT /v1/organizations/{org_id}/repos/check-suite-settings).

        Changes the settings of repository `repo_id` that the body gives; the
        others stay. Returns the server's JSON object as it is. The contract
        states no rate limit. Same per-call keywords as `get_check_suite_settings`.
        """
        check_int(_UPDATE_SETTINGS.name, "repo_id", repo_id)
        options = RequestOptions(None, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        query = query_params(repo_id=repo_id)
        return _UPDATE_SETTINGS.prepare(self, options, path={"org_id": org_id}, query=query, body=check_suite_settings_request)

    (update_check_suite_settings, update_check_suite_settings_with_http_info,
     update_check_suite_settings_without_preload_content) = public_methods(_update_check_suite_settings)

    # -- the generated names (each class lists the tag once: no repeats)

    get_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_get = get_check_suite_settings
    get_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_get_with_http_info = get_check_suite_settings_with_http_info
    get_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_get_without_preload_content = get_check_suite_settings_without_preload_content
    update_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_put = update_check_suite_settings
    update_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_put_with_http_info = update_check_suite_settings_with_http_info
    update_check_suite_settings_v1_organizations_org_id_repos_check_suite_settings_put_without_preload_content = update_check_suite_settings_without_preload_content


class CheckSuiteSettingsApi(CheckSuiteSettingsBase):
    """A repository's check-suite settings: `get_check_suite_settings`, `update_check_suite_settings`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """
