"""No import cycle at run time between the modules of the package.

Every import of one of the package's modules is read from the source, those
inside functions too (they run when the function does); those under
``if TYPE_CHECKING:`` never run and are left out. The package facades
(``openapi_client``, ``.api``, ``.models``, ``.testing``), which import
their modules for users, are not part of the graph.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import openapi_client

PACKAGE = Path(openapi_client.__file__).parent
FACADES = {"openapi_client", "openapi_client.api", "openapi_client.models", "openapi_client.testing"}


def module_names() -> Dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("openapi_client", *path.relative_to(PACKAGE).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(name: str, path: Path, known: Set[str]) -> Set[str]:
    """The package's modules that `name` imports at run time."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: Set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            test = node.test
            if getattr(test, "id", getattr(test, "attr", None)) == "TYPE_CHECKING":
                for statement in node.orelse:
                    self.visit(statement)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            base = node.module or ""
            if node.level:
                origin = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{origin}.{base}" if base else origin
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return {module for module in found if module in known and module != name and module not in FACADES}


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """The groups of modules that import each other, directly or around a loop (Tarjan's algorithm)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    groups: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_loops_of_any_length() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_reads_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from openapi_client import rest\n"
        "def f():\n    from openapi_client import retry\n    import openapi_client.exceptions\n"
    )
    known = {"openapi_client.rest", "openapi_client.retry", "openapi_client.exceptions"}
    assert imports_of("openapi_client.m", module, known) == {"openapi_client.retry", "openapi_client.exceptions"}


def test_no_module_of_the_package_imports_itself_around_a_loop() -> None:
    names = module_names()
    graph = {name: imports_of(name, path, set(names)) for name, path in names.items() if name not in FACADES}
    assert graph["openapi_client.rest"]  # the graph was read
    assert cycles(graph) == []
