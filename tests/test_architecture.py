"""The shape of the package: no import cycle, small modules that say what they own, lexicons
that are read and grouped by their reader. Read from the source files, no model needed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mppclaims"
LEXICONS = PACKAGE / "lexicons"
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run: module level and inside functions, not under `if TYPE_CHECKING`."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _with_parents(name: str) -> list[str]:
    """A module and the packages whose `__init__` importing it runs."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The package modules an import statement of `module` loads (its own enclosing
    packages are loaded before it, so they are no dependency of the statement)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        base = package
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        target = node.module or ""
        root = ".".join(p for p in (base, target) if p) if node.level else target
        names = [root] + [f"{root}.{alias.name}" for alias in node.names]
    return {
        parent
        for name in names
        for parent in _with_parents(name)
        if parent in MODULES and parent not in _with_parents(module)
    }


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = set().union(*(_imported(name, n) for n in _runtime_imports(tree)))
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_must() -> None:
    graph = _graph()
    assert "mppclaims.context" in graph["mppclaims.api"]
    assert "mppclaims.sources.marks" in graph["mppclaims.context"]
    assert "mppclaims.lexicons" in graph["mppclaims.extractors.timex.words"]


def test_a_cycle_would_be_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_in_the_package() -> None:
    assert _cycles(_graph()) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_is_small_and_says_what_it_owns(name: str) -> None:
    text = MODULES[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and docstring.splitlines()[0].strip()


def test_lexicons_are_grouped_by_their_reader_and_all_read() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    lexicons = sorted(LEXICONS.rglob("*.txt"))
    assert lexicons
    unread = []
    for path in lexicons:
        name = path.relative_to(LEXICONS).with_suffix("").as_posix()
        assert "/" in name, f"{name}: every lexicon sits in its reader's folder"
        if f'"{name}"' not in code:
            unread.append(name)
    assert unread == []


def test_no_two_lexicons_hold_the_same_entries() -> None:
    seen: dict[frozenset[str], str] = {}
    for path in sorted(LEXICONS.rglob("*.txt")):
        lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
        entries = frozenset(line for line in lines if line and not line.startswith("#"))
        name = path.relative_to(LEXICONS).as_posix()
        assert entries not in seen, f"{name} repeats {seen.get(entries)}"
        seen[entries] = name
