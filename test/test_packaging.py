"""The package as PyPI would get it: the wheel, the source archive and their metadata.

Both are built once for this module with `python -m build --no-isolation`, so
that no network is needed (the installed setuptools must be one that
pyproject.toml's build requirement accepts; test-requirements.txt installs it).
The build runs on a copy of the project in a temporary folder, so that its
egg-info and build folders never land in the checkout. Without the test-only
packages `build`, `twine` or `readme-renderer[md]` the tests that need them are
skipped, saying which package is missing.
"""

from __future__ import annotations

import email.parser
import email.policy
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import warnings
import zipfile
from email.message import Message
from pathlib import Path
from typing import Iterator, List, NamedTuple, Set

import pytest

import openapi_client

ROOT = Path(__file__).resolve().parent.parent
#: What the source archive must hold besides the package: the tests, what they
#: read and the files that install their requirements.
SOURCE_FOLDERS = ("test", "docs", "examples", "bench")
SOURCE_FILES = (
    "README.md", "PYPI.md", "CHANGELOG.md", "LICENSE", "pyproject.toml", "setup.py", "MANIFEST.in",
    "openapi.json", "requirements.txt", "test-requirements.txt", "test-requirements-extra.txt", "tox.ini", ".ci/run",
)
#: Left out of the copy that is built: what a checkout accumulates, never sources.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".tox", ".venv*", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.py[cod]",
    ".coverage*", "htmlcov", ".mypy_cache", ".pytest_cache", ".hypothesis",
)


def require(module: str, package: str, listed_in: str = "test-requirements.txt") -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"the test-only package {package} is not installed ({listed_in} has it)")


class Dists(NamedTuple):
    source: Path  # the copy of the project that was built
    sdist: Path
    wheel: Path
    output: str  # everything `python -m build` printed


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    require("build", "build")
    needed = re.search(r'requires = \["setuptools>=(\d+)"\]', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert needed, "pyproject.toml's build requirement is not the setuptools>=N this test reads"
    installed = importlib.metadata.version("setuptools")
    if int(installed.split(".")[0]) < int(needed.group(1)):
        pytest.skip(f"setuptools {installed} is older than the build requirement, setuptools>={needed.group(1)}")
    work = tmp_path_factory.mktemp("dists")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    shutil.rmtree(source / "bench" / "results", ignore_errors=True)
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "out"), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    (sdist,) = (work / "out").glob("*.tar.gz")
    (wheel,) = (work / "out").glob("*.whl")
    return Dists(source, sdist, wheel, output)


def sdist_names(dists: Dists) -> Set[str]:
    with tarfile.open(dists.sdist) as archive:
        return {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}


def wheel_names(dists: Dists) -> List[str]:
    with zipfile.ZipFile(dists.wheel) as archive:
        return archive.namelist()


def wheel_metadata(dists: Dists) -> Message:
    with zipfile.ZipFile(dists.wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(name).decode("utf-8")
    return email.parser.Parser(policy=email.policy.compat32).parsestr(text)


def files_under(root: Path, folder: str) -> Iterator[str]:
    for path in sorted((root / folder).rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix()


def test_the_build_prints_no_deprecation_warning(dists: Dists) -> None:
    assert "deprecat" not in dists.output.lower(), dists.output
    assert "Successfully built" in dists.output


def test_twine_check_strict_passes_for_the_sdist_and_the_wheel(dists: Dists) -> None:
    require("twine", "twine", "test-requirements-extra.txt")
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dists.sdist), str(dists.wheel)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"),
    )
    output = checked.stdout + checked.stderr
    assert checked.returncode == 0, output
    assert output.count("PASSED") == 2 and "WARNING" not in output, output


def test_the_mit_licence_ships_in_the_wheel_and_the_sdist(dists: Dists) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    with zipfile.ZipFile(dists.wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE"))
        assert archive.read(name).decode("utf-8") == licence
    assert "LICENSE" in sdist_names(dists)

    metadata = wheel_metadata(dists)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert not [c for c in metadata.get_all("Classifier", []) if c.startswith("License ::")]


def test_the_metadata_names_every_supported_python_and_no_made_up_url(dists: Dists) -> None:
    metadata = wheel_metadata(dists)
    classifiers = metadata.get_all("Classifier", [])

    assert metadata["Requires-Python"] == ">=3.9"
    pythons = [c.rsplit(" ", 1)[1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert pythons == ["3.9", "3.10", "3.11", "3.12", "3.13"]
    assert "Typing :: Typed" in classifiers
    assert [c for c in classifiers if c.startswith("Development Status ::")]
    assert metadata["Keywords"] and metadata["Author"]
    assert metadata.get_all("Project-URL") == [  # on PyPI, where the source archive holds the guides
        "Documentation, https://inspector.pypi.io/project/codegen-agents-client/",
        "Source, https://pypi.org/project/codegen-agents-client/#files",
        "Changelog, https://pypi.org/project/codegen-agents-client/#history",
        "API documentation, https://docs.codegen.com",
    ]


def test_the_wheel_holds_the_package_and_no_tests(dists: Dists) -> None:
    names = wheel_names(dists)

    assert "openapi_client/py.typed" in names
    assert "openapi_client/testing/emulator.py" in names  # the emulator is part of the SDK
    assert [n for n in names if not n.startswith(("openapi_client/", "codegen_agents_client-"))] == []
    assert [n for n in names if n.startswith("openapi_client/") and re.search(r"(^|/)(test_|conftest)", n)] == []


def test_the_sdist_holds_the_tests_and_everything_they_read(dists: Dists) -> None:
    names = sdist_names(dists)
    wanted = [*SOURCE_FILES, *(name for folder in SOURCE_FOLDERS for name in files_under(dists.source, folder))]

    assert [name for name in wanted if name not in names] == []
    assert "test/conftest.py" in names and "docs/Waiting.md" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("bench/results/")]


def test_the_pypi_page_links_only_where_pypi_can_follow(dists: Dists) -> None:
    require("readme_renderer", "readme-renderer[md]", "test-requirements-extra.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its own "install readme_renderer[md]" warning
        import readme_renderer.markdown
    if not getattr(readme_renderer.markdown, "variants", True):
        pytest.skip("readme-renderer has no Markdown renderer: the test-only package readme-renderer[md] is missing")

    metadata = wheel_metadata(dists)
    description = str(metadata.get_payload())
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert description.strip() == (ROOT / "PYPI.md").read_text(encoding="utf-8").strip()

    html = readme_renderer.markdown.render(description, variant="GFM")  # as PyPI renders it
    assert html and "pip install codegen-agents-client" in re.sub(r"<[^>]+>", "", html)
    targets = re.findall(r'\b(?:href|src)="([^"]*)"', html)
    anchors = {f"#{name}" for name in re.findall(r'\bid="([^"]*)"', html)}  # the headings' own links
    assert "https://docs.codegen.com" in targets
    assert [t for t in targets if not t.startswith(("https://", "http://")) and t not in anchors] == []


def test_pypi_shows_where_the_guides_the_source_and_the_changelog_are(dists: Dists) -> None:
    urls = dict(value.split(", ", 1) for value in wheel_metadata(dists).get_all("Project-URL") or [])
    page = (ROOT / "PYPI.md").read_text(encoding="utf-8")

    assert {"Documentation", "Source", "Changelog"} <= set(urls)
    assert all(url.startswith("https://") and f"]({url})" in page for url in urls.values() if "codegen.com" not in url)


def test_the_version_lives_in_openapi_client_and_the_command_prints_it(dists: Dists) -> None:
    version = openapi_client.__version__
    assert wheel_metadata(dists)["Version"] == version
    assert dists.wheel.name == f"codegen_agents_client-{version}-py3-none-any.whl"
    # setuptools reads __version__ without importing the package, so it stays a plain literal.
    assert re.search(r'^__version__ = "[^"]+"$', (ROOT / "openapi_client" / "__init__.py").read_text(), re.M)

    shown = subprocess.run(
        [sys.executable, "-m", "openapi_client", "--version"], capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, f"codegen-agents {version}\n", "")


def test_the_changelog_records_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(openapi_client.__version__)}\b", changelog, re.M)
    # Changes made since are gathered in one "Unreleased" section, the first, until the next version.
    sections = re.findall(r"^## (.+)$", changelog, re.M)
    assert "Unreleased" not in sections[1:] and changelog.lower().count("unreleased") == sections.count("Unreleased")
