"""The `evalbot` command: thin wrappers over the knowledge and bot packages.

Each subcommand is a few lines over the Python API, so everything a command does can be
done (and is tested) from Python too.  Heavy imports happen inside the commands, which
keeps `evalbot ask` fast to start.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import load_dotenv_file, settings

ROOT = Path(__file__).resolve().parent.parent
OWN_QUESTIONS = ROOT / "tests" / "questions"
#: the development set lives in shared/, beside the checkout
SHARED_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else settings().db_path


def cmd_build(args: argparse.Namespace) -> int:
    """Rebuild the knowledge database from knowledge/sources and report what it holds."""
    from knowledge.disclosure import ParseError
    from knowledge.store import build

    path = _db_path(args)
    try:
        report = build(path)
    except ParseError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(f"built {path}: {report.describe()}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Add one published disclosure (text or HTML) in a single transaction."""
    from knowledge.disclosure import ParseError
    from knowledge.store import ensure_db, ingest_path, open_db

    db = open_db(ensure_db(_db_path(args)))
    status = 0
    try:
        for document in args.paths:
            try:
                result = ingest_path(db, document)
            except ParseError as error:
                print(f"{document}: rejected, nothing changed — {error}", file=sys.stderr)
                status = 1
                continue
            except (OSError, UnicodeDecodeError) as error:
                print(f"{document}: cannot read — {error}", file=sys.stderr)
                status = 1
                continue
            print(result.describe())
            for warning in result.warnings:
                print(f"warning: {warning}")
    finally:
        db.close()
    return status


def cmd_rounds(args: argparse.Namespace) -> int:
    """List the rounds in the database."""
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    queries = Queries(ensure_db(_db_path(args)))
    rounds = queries.rounds()
    if not rounds:
        print("no rounds loaded")
    for r in rounds:
        average = (
            f"{r.average_score:.{r.average_precision}f}" if r.average_score is not None else "-"
        )
        services = len(queries.evaluations(r.year, r.round_no))
        doc = queries.document(r.document_id)
        print(f"{r.year} round {r.round_no}: {services} services, average {average} — {doc.source}")
    return 0


def _engine(args: argparse.Namespace):
    from bot.engine import Engine
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    return Engine(Queries(ensure_db(_db_path(args))))


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        return
    print(answer.text)
    for source in answer.sources:
        print(f"  ↳ {source.title}" + (f" <{source.url}>" if source.url else ""))
    for number, suggestion in enumerate(answer.suggestions, start=1):
        print(f"  [{number}] {suggestion.label}")
    print(flush=True)


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or one per line of standard input."""
    engine = _engine(args)
    questions = [args.question] if args.question else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        _print_answer(engine.answer(question, lang=args.lang), args.json)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Chat in the console with follow-up context; a number picks a suggestion."""
    engine = _engine(args)
    lang, context, suggestions = args.lang, None, []
    print("evalbot — 질문을 입력하세요 / ask a question (Ctrl-D to quit)")
    while True:
        try:
            question = input("› ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.isdigit() and 0 < int(question) <= len(suggestions):
            question = suggestions[int(question) - 1].question
        if question.startswith("/lang"):
            lang = question.split()[-1] if len(question.split()) > 1 else None
            print(f"lang = {lang or 'auto'}")
            continue
        if not question:
            continue
        answer = engine.answer(question, lang=lang, context=context)
        context, suggestions = answer.context, list(answer.suggestions)
        _print_answer(answer, False)


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a question set; print failures and `N passed, M failed`."""
    from bot.evaluate import run_eval

    engine, passed, failed = _engine(args), 0, 0
    for path in args.files:
        good, bad = run_eval(path, engine, sys.stdout)
        passed, failed = passed + good, failed + bad
    if len(args.files) > 1:
        print(f"all {len(args.files)} files: {passed} passed, {failed} failed")
    return 1 if failed else 0


def _question_files() -> list[Path]:
    files = [SHARED_QUESTIONS] if SHARED_QUESTIONS.exists() else []
    return files + sorted(OWN_QUESTIONS.glob("*.yaml"))


def cmd_bench(args: argparse.Namespace) -> int:
    """Run a rerunnable benchmark and print its figures."""
    # the telegram and notify benchmarks drive the fake Bot API server of tests/, so they
    # run from a source checkout: put its root on the path
    sys.path.insert(0, str(ROOT))
    if args.what == "kb":
        from knowledge.bench import run_bench

        run_bench(sys.stdout, documents=args.documents)
    elif args.what == "engine":
        from bot.bench_engine import run_bench

        run_bench(lambda: _engine(args), _question_files(), sys.stdout)
    elif args.what == "telegram":
        from benchmarks.bench_telegram import run_bench

        run_bench(sys.stdout)
    elif args.what == "notify":
        from benchmarks.bench_notify import run_bench

        run_bench(sys.stdout)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Start the Telegram bot (long polling, or a webhook with --webhook)."""
    config = settings()
    if not config.token:
        print(
            "evalbot run needs TELEGRAM_BOT_TOKEN (see .env.example); "
            "to try the bot without Telegram use `evalbot chat`.",
            file=sys.stderr,
        )
        return 2
    from bot.telegram.app import run

    run(config, webhook_url=args.webhook, listen=args.listen, port=args.port)
    return 0


def cmd_subscribers(args: argparse.Namespace) -> int:
    """Show subscriber and delivery counts."""
    from knowledge import subscribers
    from knowledge.store import ensure_db, open_db

    db = open_db(ensure_db(_db_path(args)))
    try:
        print(subscribers.counts(db).describe())
    finally:
        db.close()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evalbot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=func.__doc__, description=func.__doc__)
        p.add_argument(
            "--db", help="knowledge database path (default: $EVALBOT_DB or user data dir)"
        )
        p.set_defaults(func=func)
        return p

    add("build", cmd_build)
    add("ingest", cmd_ingest).add_argument("paths", nargs="+", metavar="PATH")
    add("rounds", cmd_rounds)
    ask = add("ask", cmd_ask)
    ask.add_argument("question", nargs="?")
    ask.add_argument("--lang", choices=["ko", "en"])
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    add("chat", cmd_chat).add_argument("--lang", choices=["ko", "en"])
    add("eval", cmd_eval).add_argument("files", nargs="+", metavar="FILE")
    bench = add("bench", cmd_bench)
    bench.add_argument("what", choices=["kb", "engine", "telegram", "notify"])
    bench.add_argument("--documents", type=int, default=1000, help="kb: synthetic rounds to ingest")
    run = add("run", cmd_run)
    run.add_argument("--webhook", metavar="URL", help="serve a webhook at this public URL")
    run.add_argument("--listen", default="0.0.0.0")
    run.add_argument("--port", type=int, default=8443)
    add("subscribers", cmd_subscribers)
    return parser


def main(argv: list[str] | None = None) -> int:
    load_dotenv_file()
    args = _parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
