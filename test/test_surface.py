"""The public surface of SURFACE.md: modules, exports, names and signatures.

The expected signatures are quoted from SURFACE.md (test_quotes_match_surface_md
checks that the quotes still match it where the spec is at hand). A signature
holds when the listed parameters come first with the same names, kinds and
defaults; the package may add keyword-only parameters after them (the surface
is a floor, not a ceiling).
"""

from __future__ import annotations

import importlib
import inspect
import typing
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest
import urllib3

import openapi_client
from openapi_client import AgentsApi, ApiClient, ApiResponse, Configuration, exceptions, rest
from openapi_client.models import (
    AgentRunResponse,
    CreateAgentRunInput,
    HTTPValidationError,
    ValidationError,
    ValidationErrorLocInner,
)

SURFACE_MD = Path("/work/shared/spec/SURFACE.md")

CREATE_SIGNATURE = (
    "(org_id, create_agent_run_input, authorization=None, _request_timeout=None, _request_auth=None,"
    " _content_type=None, _headers=None, _host_index=0)"
)
GET_SIGNATURE = (
    "(agent_run_id, org_id, authorization=None, _request_timeout=None, _request_auth=None,"
    " _content_type=None, _headers=None, _host_index=0)"
)
CREATE_BASE = "create_agent_run_v1_organizations_org_id_agent_run_post"
GET_BASE = "get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get"
SUFFIXES = ("", "_with_http_info", "_without_preload_content")

#: Every generated method name (18) and the short name it is a door onto.
GENERATED_NAMES: Dict[str, str] = {
    f"{base}{repeat}{suffix}": f"{short}{suffix}"
    for base, short in ((CREATE_BASE, "create_agent_run"), (GET_BASE, "get_agent_run"))
    for repeat in ("", "_0", "_1")
    for suffix in SUFFIXES
}
SHORT_NAMES = [f"{short}{suffix}" for short in ("create_agent_run", "get_agent_run") for suffix in SUFFIXES]

MODULES = [
    "openapi_client",
    "openapi_client.api",
    "openapi_client.api.agents_api",
    "openapi_client.api_client",
    "openapi_client.api_response",
    "openapi_client.configuration",
    "openapi_client.exceptions",
    "openapi_client.models",
    "openapi_client.models.agent_run_response",
    "openapi_client.models.create_agent_run_input",
    "openapi_client.models.http_validation_error",
    "openapi_client.models.validation_error",
    "openapi_client.models.validation_error_loc_inner",
    "openapi_client.rest",
]

TOP_LEVEL_EXPORTS = [
    "__version__",
    "AgentsApi",
    "ApiClient",
    "ApiResponse",
    "Configuration",
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiException",
    "AgentRunResponse",
    "CreateAgentRunInput",
    "HTTPValidationError",
    "ValidationError",
    "ValidationErrorLocInner",
]

CONFIGURATION_SIGNATURE = (
    "(host=None, api_key=None, api_key_prefix=None, username=None, password=None, access_token=None,"
    " server_index=None, server_variables=None, server_operation_index=None,"
    " server_operation_variables=None, ignore_operation_servers=False, ssl_ca_cert=None, retries=None,"
    " ca_cert_data=None, *, debug=None)"
)

#: (what, the callable, the signature SURFACE.md gives it)
SIGNATURES: List[Tuple[str, Callable[..., Any], str]] = [
    ("AgentsApi", AgentsApi.__init__, "(api_client=None)"),
    ("ApiClient", ApiClient.__init__, "(configuration=None, header_name=None, header_value=None, cookie=None)"),
    ("Configuration", Configuration.__init__, CONFIGURATION_SIGNATURE),
    ("Configuration.get_api_key_with_prefix", Configuration.get_api_key_with_prefix, "(identifier, alias=None)"),
    ("Configuration.get_basic_auth_token", Configuration.get_basic_auth_token, "()"),
    ("Configuration.auth_settings", Configuration.auth_settings, "()"),
    ("Configuration.to_debug_report", Configuration.to_debug_report, "()"),
    ("Configuration.get_host_settings", Configuration.get_host_settings, "()"),
    (
        "Configuration.get_host_from_settings",
        Configuration.get_host_from_settings,
        "(index, variables=None, servers=None)",
    ),
    ("Configuration.get_default", Configuration.get_default, "()"),
    ("Configuration.get_default_copy", Configuration.get_default_copy, "()"),
    ("ApiClient.get_default", ApiClient.get_default, "()"),
    (
        "ApiClient.deserialize",
        ApiClient.deserialize,
        "(response_text, response_type, content_type)",
    ),
    ("RESTClientObject", rest.RESTClientObject.__init__, "(configuration)"),
    (
        "RESTClientObject.request",
        rest.RESTClientObject.request,
        "(method, url, headers=None, body=None, post_params=None, _request_timeout=None)",
    ),
    ("RESTResponse", rest.RESTResponse.__init__, "(resp)"),
    ("RESTResponse.getheader", rest.RESTResponse.getheader, "(name, default=None)"),
    ("RESTResponse.read", rest.RESTResponse.read, "()"),
    ("RESTResponse.getheaders", rest.RESTResponse.getheaders, "()"),
    ("is_socks_proxy_url", rest.is_socks_proxy_url, "(url)"),
    (
        "ApiTypeError",
        exceptions.ApiTypeError.__init__,
        "(msg, path_to_item=None, valid_classes=None, key_type=None)",
    ),
    ("ApiValueError", exceptions.ApiValueError.__init__, "(msg, path_to_item=None)"),
    ("ApiAttributeError", exceptions.ApiAttributeError.__init__, "(msg, path_to_item=None)"),
    ("ApiKeyError", exceptions.ApiKeyError.__init__, "(msg, path_to_item=None)"),
    (
        "ApiException",
        exceptions.ApiException.__init__,
        "(status=None, reason=None, http_resp=None, *, body=None, data=None)",
    ),
    ("ApiException.from_response", exceptions.ApiException.from_response, "(*, http_resp, body, data)"),
    ("render_path", exceptions.render_path, "(path_to_item)"),
] + [(name, getattr(AgentsApi, name), CREATE_SIGNATURE) for name in GENERATED_NAMES if name.startswith("create")] + [
    (name, getattr(AgentsApi, name), GET_SIGNATURE) for name in GENERATED_NAMES if name.startswith("get")
] + [
    (name, getattr(AgentsApi, name), CREATE_SIGNATURE if name.startswith("create") else GET_SIGNATURE)
    for name in SHORT_NAMES
]


def _expected_parameters(signature_text: str) -> List[inspect.Parameter]:
    namespace: Dict[str, Any] = {}
    exec(f"def expected{signature_text}: pass", namespace)  # the Python parser reads SURFACE.md's notation
    return list(inspect.signature(namespace["expected"]).parameters.values())


def _actual_parameters(func: Callable[..., Any]) -> List[inspect.Parameter]:
    params = list(inspect.signature(func).parameters.values())
    if inspect.isfunction(func) and params and params[0].name == "self":  # unbound method
        params = params[1:]
    return params


def _describe(params: List[inspect.Parameter]) -> List[Tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in params]


@pytest.mark.parametrize("module_name", MODULES)
def test_module_imports(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__name__ == module_name


def test_py_typed_marker_is_shipped() -> None:
    assert (Path(openapi_client.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("name", TOP_LEVEL_EXPORTS)
def test_top_level_exports(name: str) -> None:
    assert hasattr(openapi_client, name), f"openapi_client.{name} is missing"


def test_version_is_1_0_0() -> None:
    assert openapi_client.__version__ == "1.0.0"


def test_exports_are_the_defining_objects() -> None:
    assert openapi_client.AgentsApi is importlib.import_module("openapi_client.api.agents_api").AgentsApi
    assert openapi_client.api.AgentsApi is openapi_client.AgentsApi
    assert openapi_client.ApiClient is importlib.import_module("openapi_client.api_client").ApiClient
    assert openapi_client.ApiResponse is importlib.import_module("openapi_client.api_response").ApiResponse
    assert openapi_client.Configuration is importlib.import_module("openapi_client.configuration").Configuration
    for name in ("OpenApiException", "ApiTypeError", "ApiValueError", "ApiKeyError", "ApiAttributeError", "ApiException"):
        assert getattr(openapi_client, name) is getattr(exceptions, name)
    models = {
        "agent_run_response": AgentRunResponse,
        "create_agent_run_input": CreateAgentRunInput,
        "http_validation_error": HTTPValidationError,
        "validation_error": ValidationError,
        "validation_error_loc_inner": ValidationErrorLocInner,
    }
    for module_name, model in models.items():
        module = importlib.import_module(f"openapi_client.models.{module_name}")
        assert getattr(module, model.__name__) is model
        assert getattr(openapi_client, model.__name__) is model


def test_rest_re_exports_api_exception() -> None:
    from openapi_client.rest import ApiException

    assert ApiException is exceptions.ApiException


def test_exception_hierarchy() -> None:
    base = exceptions.OpenApiException
    assert issubclass(base, Exception)
    assert issubclass(exceptions.ApiTypeError, (base, TypeError))
    assert issubclass(exceptions.ApiTypeError, TypeError)
    assert issubclass(exceptions.ApiValueError, ValueError)
    assert issubclass(exceptions.ApiAttributeError, AttributeError)
    assert issubclass(exceptions.ApiKeyError, KeyError)
    for name in ("ApiTypeError", "ApiValueError", "ApiAttributeError", "ApiKeyError", "ApiException"):
        assert issubclass(getattr(exceptions, name), base)
    for name in (
        "BadRequestException",
        "UnauthorizedException",
        "ForbiddenException",
        "NotFoundException",
        "ConflictException",
        "UnprocessableEntityException",
        "ServiceException",
    ):
        assert issubclass(getattr(exceptions, name), exceptions.ApiException)


@pytest.mark.parametrize("what, func, signature_text", SIGNATURES, ids=[s[0] for s in SIGNATURES])
def test_signature(what: str, func: Callable[..., Any], signature_text: str) -> None:
    expected = _describe(_expected_parameters(signature_text))
    actual = _actual_parameters(func)
    assert _describe(actual[: len(expected)]) == expected, f"{what}{inspect.signature(func)}"
    for extra in actual[len(expected):]:  # additions must not change how SURFACE.md's calls bind
        assert extra.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD), extra
        assert extra.kind == inspect.Parameter.VAR_KEYWORD or extra.default is not inspect.Parameter.empty


@pytest.mark.parametrize(
    "owner, name",
    [(Configuration, "set_default"), (ApiClient, "set_default")],
)
def test_set_default_takes_one_argument(owner: type, name: str) -> None:
    params = list(inspect.signature(getattr(owner, name)).parameters.values())
    assert len(params) == 1 and params[0].kind == inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_quotes_match_surface_md() -> None:
    if not SURFACE_MD.is_file():
        pytest.skip("SURFACE.md is not at hand")
    text = " ".join(SURFACE_MD.read_text().split())
    quoted = [CREATE_SIGNATURE, GET_SIGNATURE, CONFIGURATION_SIGNATURE] + [
        f"{what}{sig}" for what, _, sig in SIGNATURES
        if what in ("ApiClient", "AgentsApi", "is_socks_proxy_url", "render_path", "ApiTypeError")
    ]
    for piece in quoted:
        assert piece in text, piece


# -- AgentsApi: 18 generated names and the short names -----------------------------


def test_eighteen_generated_names() -> None:
    assert len(GENERATED_NAMES) == 18
    for name in GENERATED_NAMES:
        assert callable(getattr(AgentsApi, name, None)), f"AgentsApi.{name} is missing"


@pytest.mark.parametrize("name", SHORT_NAMES)
def test_short_names_exist(name: str) -> None:
    assert callable(getattr(AgentsApi, name, None))


@pytest.mark.parametrize("generated, short", sorted(GENERATED_NAMES.items()))
def test_generated_names_are_doors_onto_the_short_names(generated: str, short: str) -> None:
    # The same function object: one definition, many names, identical behaviour.
    assert getattr(AgentsApi, generated) is getattr(AgentsApi, short)


@pytest.mark.parametrize(
    "short, expected",
    [
        ("create_agent_run", AgentRunResponse),
        ("get_agent_run", AgentRunResponse),
        ("create_agent_run_with_http_info", ApiResponse[AgentRunResponse]),
        ("get_agent_run_with_http_info", ApiResponse[AgentRunResponse]),
        ("create_agent_run_without_preload_content", "BaseHTTPResponse"),
        ("get_agent_run_without_preload_content", "BaseHTTPResponse"),
    ],
)
def test_return_annotations(short: str, expected: Any) -> None:
    if isinstance(expected, str):  # a urllib3 class; urllib3 1.x has no BaseHTTPResponse
        if not hasattr(urllib3, expected):
            pytest.skip(f"urllib3 {urllib3.__version__} has no {expected}")
        expected = getattr(urllib3, expected)
    assert typing.get_type_hints(getattr(AgentsApi, short))["return"] == expected


def test_agents_api_uses_the_default_client_without_an_argument() -> None:
    previous = ApiClient._default
    try:
        client = ApiClient(Configuration(host="http://127.0.0.1:9"))
        ApiClient.set_default(client)
        assert AgentsApi().api_client is client
        ApiClient.set_default(None)
        api = AgentsApi()
        assert isinstance(api.api_client, ApiClient)
        assert api.api_client is ApiClient.get_default()
    finally:
        ApiClient.set_default(previous)


# -- the other classes -------------------------------------------------------------


def test_api_client_members() -> None:
    client = ApiClient(Configuration())
    for attribute in ("configuration", "default_headers", "cookie", "rest_client", "client_side_validation"):
        assert hasattr(client, attribute), attribute
    assert isinstance(inspect.getattr_static(ApiClient, "user_agent"), property)
    for method in (
        "set_default_header",
        "param_serialize",
        "call_api",
        "response_deserialize",
        "sanitize_for_serialization",
        "deserialize",
        "parameters_to_tuples",
        "parameters_to_url_query",
        "files_parameters",
        "select_header_accept",
        "select_header_content_type",
        "update_params_for_auth",
    ):
        assert callable(getattr(client, method)), method
    assert hasattr(client, "__enter__") and hasattr(client, "__exit__")


def test_configuration_members() -> None:
    assert isinstance(inspect.getattr_static(Configuration, "host"), property)
    for method in ("get_default", "get_default_copy", "set_default"):
        assert callable(getattr(Configuration, method))


def test_rest_response_members() -> None:
    for member in ("read", "getheaders", "getheader"):
        assert callable(getattr(rest.RESTResponse, member))


def test_api_response_fields() -> None:
    assert set(ApiResponse.model_fields) == {"status_code", "headers", "data", "raw_data"}


@pytest.mark.parametrize(
    "model, required, optional",
    [
        (
            AgentRunResponse,
            {"id", "organization_id"},
            {"status", "created_at", "web_url", "result", "summary", "source_type", "github_pull_requests", "metadata"},
        ),
        (CreateAgentRunInput, {"prompt"}, {"images", "metadata", "repo_id", "model", "agent_type"}),
        (HTTPValidationError, set(), {"detail"}),
        (ValidationError, {"loc", "msg", "type"}, set()),
    ],
)
def test_model_fields(model: Any, required: set, optional: set) -> None:
    fields = model.model_fields
    assert set(fields) == required | optional
    assert {name for name, info in fields.items() if info.is_required()} == required


@pytest.mark.parametrize(
    "model", [AgentRunResponse, CreateAgentRunInput, HTTPValidationError, ValidationError, ValidationErrorLocInner]
)
def test_model_methods(model: Any) -> None:
    for method in ("to_str", "to_json", "to_dict"):
        assert callable(getattr(model, method)), method
    for method in ("from_json", "from_dict"):
        assert isinstance(inspect.getattr_static(model, method), classmethod), method


# -- the size of an operation -------------------------------------------------------

API_MODULES = sorted((Path(openapi_client.__file__).parent / "api").glob("*_api.py"))
#: Lines an operation may take in its API module: definition, methods, generated names, its share of the rest.
MAX_LINES_PER_OPERATION = 60


def _lines_and_operations(path: Path) -> Tuple[int, int]:
    from openapi_client.api.operation import Endpoint

    module = importlib.import_module(f"openapi_client.api.{path.stem}")
    operations = sum(isinstance(value, Endpoint) for value in vars(module).values())
    return len(path.read_text(encoding="utf-8").splitlines()), operations


@pytest.mark.parametrize("path", API_MODULES, ids=lambda path: path.name)
def test_an_api_module_spends_at_most_60_lines_per_operation(path: Path) -> None:
    lines, operations = _lines_and_operations(path)
    if operations == 0:  # a class that only takes another module's operations, as AgentsBetaApi
        assert lines <= 20, f"{path.name}: {lines} lines and no operation of its own"
    else:
        assert lines / operations <= MAX_LINES_PER_OPERATION, f"{path.name}: {lines} lines for {operations} operations"


def test_the_api_package_spends_at_most_60_lines_per_operation() -> None:
    """Every file of ``openapi_client/api/`` counts, the operation machinery and ``__init__`` too."""
    operations = sum(_lines_and_operations(path)[1] for path in API_MODULES)
    package = Path(openapi_client.__file__).parent / "api"
    lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in package.glob("*.py"))
    assert operations == 25 and lines / operations <= MAX_LINES_PER_OPERATION, (lines, operations)


def test_the_transport_stays_within_450_lines() -> None:
    """`rest.py` holds the transport alone: what it grows by belongs in a module of its own concern."""
    lines = len((Path(openapi_client.__file__).parent / "rest.py").read_text(encoding="utf-8").splitlines())
    assert lines <= 450, f"rest.py has {lines} lines"
