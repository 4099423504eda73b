"""The repositories of an organisation (where a `repo_id` comes from), and their check-suite settings."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.check_suite_settings_api import CheckSuiteSettingsBase
from openapi_client.arguments import check_page, query_params
from openapi_client.api.operation import (
    Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_REPOSITORIES = Endpoint("get_repositories", "GET", "/v1/organizations/{org_id}/repos", responses("PageRepoResponse"))


class RepositoriesApi(CheckSuiteSettingsBase):
    """An organisation's repositories and their ids (`get_repositories`), and their check-suite settings.

    The check-suite operations come from `CheckSuiteSettingsBase`, shared with `CheckSuiteSettingsApi`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _get_repositories(
        self, org_id: int, skip: Optional[int] = None, limit: Optional[int] = None, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.PageRepoResponse]:
        """Get Repositories (GET /v1/organizations/{org_id}/repos): one page of the organisation's repositories.

        :param skip: repositories to pass over (the server's default is 0).
        :param limit: repositories per page, 1 to 100 (the server's default is 100).

        A parameter left at None is not sent. Reads share a limit of 60 per
        30 s. Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        check_page(_REPOSITORIES.name, skip, limit)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        query = query_params(skip=skip, limit=limit)
        return _REPOSITORIES.prepare(self, options, path={"org_id": org_id}, query=query)

    (get_repositories, get_repositories_with_http_info,
     get_repositories_without_preload_content) = public_methods(_get_repositories)

    # -- the generated names: the same methods under the names the contract gives them

    get_repositories_v1_organizations_org_id_repos_get = get_repositories
    get_repositories_v1_organizations_org_id_repos_get_with_http_info = get_repositories_with_http_info
    get_repositories_v1_organizations_org_id_repos_get_without_preload_content = get_repositories_without_preload_content
    get_repositories_v1_organizations_org_id_repos_get_0 = get_repositories
    get_repositories_v1_organizations_org_id_repos_get_0_with_http_info = get_repositories_with_http_info
    get_repositories_v1_organizations_org_id_repos_get_0_without_preload_content = get_repositories_without_preload_content
    get_repositories_v1_organizations_org_id_repos_get_1 = get_repositories
    get_repositories_v1_organizations_org_id_repos_get_1_with_http_info = get_repositories_with_http_info
    get_repositories_v1_organizations_org_id_repos_get_1_without_preload_content = get_repositories_without_preload_content
