"""The layers of DESIGN.md, held by a test: no import cycles, no import across a boundary.

Every import statement of the product (module level or inside a function — both run
sooner or later; only ``if TYPE_CHECKING:`` blocks are left out) is read with ``ast``, and
the graph of the project's own modules must be acyclic and respect:

* ``knowledge`` imports nothing of ``bot``;
* the engine (``bot.understand``, ``bot.answers``, ``bot.engine``, ``bot.answer``) imports
  nothing of ``bot.telegram`` and nothing of python-telegram-bot;
* only ``bot.telegram`` (and the fakes and benchmarks that drive it) import python-telegram-bot;
* the product imports nothing of ``tests``;
* the Telegram adapter's feature modules never import each other (``app`` wires them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("knowledge", "bot")
ENGINE = ("bot.understand", "bot.answers", "bot.engine", "bot.answer", "bot.i18n")
TELEGRAM_USERS = ("bot.telegram", "bot.testing", "bot.benchmarks")
FEATURES = ("handlers", "subscriptions", "publish", "notify")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module ``name`` imports (absolute names; ``from a import b`` counts a.b if it
    is a module of ours, else a)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _within(module: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _ours(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph restricted to the project's modules (an import of a package counts as an
    import of its ``__init__``)."""
    return {m: {i for i in imports if i in graph and i != m} for m, imports in graph.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def connect(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def _crossings(graph: dict[str, set[str]], source: tuple[str, ...] | str, target: str) -> list[str]:
    return sorted(
        f"{m} -> {i}"
        for m, imports in graph.items()
        if _within(m, source)
        for i in imports
        if _within(i, target)
    )


def test_there_are_no_import_cycles(graph: dict[str, set[str]]) -> None:
    assert _cycles(_ours(graph)) == []


def test_knowledge_imports_nothing_of_bot(graph: dict[str, set[str]]) -> None:
    assert _crossings(graph, "knowledge", "bot") == []


def test_the_engine_knows_nothing_of_telegram(graph: dict[str, set[str]]) -> None:
    assert _crossings(graph, ENGINE, "bot.telegram") == []
    assert _crossings(graph, ENGINE, "telegram") == []


def test_only_the_adapter_imports_python_telegram_bot(graph: dict[str, set[str]]) -> None:
    outside = {m: i for m, i in graph.items() if not _within(m, TELEGRAM_USERS)}
    assert _crossings(outside, PACKAGES, "telegram") == []


def test_the_product_never_imports_the_tests(graph: dict[str, set[str]]) -> None:
    assert _crossings(graph, PACKAGES, "tests") == []


def test_adapter_features_do_not_import_each_other(graph: dict[str, set[str]]) -> None:
    crossings = [
        f"{a} -> {b}"
        for a in FEATURES
        for b in FEATURES
        if a != b and f"bot.telegram.{b}" in graph[f"bot.telegram.{a}"]
    ]
    assert crossings == []


def test_the_walk_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    """The checker itself: a function-level import and a relative one are both edges."""
    module = ROOT / "bot" / "telegram" / "app.py"
    found = _imports("bot.telegram.app", module, set(_modules()))
    assert {"bot.telegram.handlers", "bot.engine", "knowledge.store"} <= found
    cycle = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(cycle) == [["a", "b", "c"]]
