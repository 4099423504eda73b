"""Rate-limit budgets, shared by every process that uses the same storage (see docs/RateLimits.md).

- `groups`: the API's limit groups and the group of each operation;
- `stores`: the storage interface, the sliding-window log, the in-process store;
- `file_store`, `redis_store`: the stores shared between processes and machines;
- `shared`: storage URIs, keys, budgets as calls take them, the fallback.
"""

from openapi_client.rate_limits.groups import DEFAULT_GROUP, LIMIT_GROUPS, OPERATION_GROUPS, RateLimit, group_of
from openapi_client.rate_limits.shared import (
    DEFAULT_STORAGE,
    STORAGE_VARIABLE,
    Budget,
    RateLimiter,
    SharedValues,
    budget_for,
    check_storage,
    limiter_for,
    scope_key,
    shared_values_for,
)
from openapi_client.rate_limits.stores import MemoryStorage, Storage, StorageError

__all__ = [
    "DEFAULT_GROUP", "DEFAULT_STORAGE", "LIMIT_GROUPS", "OPERATION_GROUPS", "STORAGE_VARIABLE", "Budget",
    "MemoryStorage", "RateLimit", "RateLimiter", "SharedValues", "Storage", "StorageError", "budget_for",
    "check_storage", "group_of", "limiter_for", "scope_key", "shared_values_for",
]
