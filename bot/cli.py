"""The `evalbot` command: thin wrappers over the knowledge and bot packages.

Each subcommand is a few lines over the Python API, so everything a command does can be
done (and is tested) from Python too.  Heavy imports happen inside the commands, which
keeps `evalbot ask` fast to start.  Every command logs like `evalbot run` (one event per
line on stderr), and a database that cannot be used ends the command with one line naming
the file, the problem and what to do — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import SettingsError, configure_logging, load_dotenv_file, settings
from knowledge.db import DatabaseProblem, problem_from
from knowledge.disclosure.encoding import MAX_BYTES

if TYPE_CHECKING:  # imported by the commands that need them (see the module docstring)
    from bot.answer import Answer, Suggestion
    from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
OWN_QUESTIONS = ROOT / "tests" / "questions"


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else settings().db_path


def cmd_build(args: argparse.Namespace) -> int:
    """Rebuild the knowledge database from knowledge/sources and report what it holds."""
    from knowledge.disclosure import ParseError
    from knowledge.store import build

    path = _db_path(args)
    if path.is_file() and path.stat().st_size == 0:
        print(f"note: {path} was empty (0 bytes): creating the knowledge base in it")
        path.unlink()
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
    """Add published disclosures (text or HTML, any encoding read), each in one transaction."""
    from knowledge.disclosure import ParseError
    from knowledge.store import TooLarge, ensure_db, ingest_path, open_db

    db = open_db(ensure_db(_db_path(args)))
    status = 0
    try:
        for document in args.paths:
            try:
                result = ingest_path(db, document, max_bytes=args.max_bytes)
            except ParseError as error:
                print(f"{document}: rejected, nothing changed — {error}", file=sys.stderr)
                status = 1
                continue
            except TooLarge as error:
                print(
                    f"{document}: rejected, nothing changed — {error}; "
                    "pass --max-bytes N to accept a larger file",
                    file=sys.stderr,
                )
                status = 1
                continue
            except OSError as error:
                print(f"{document}: cannot read — {error.strerror or error}", file=sys.stderr)
                status = 1
                continue
            print(result.describe())
            for warning in result.warnings:
                print(f"warning: {warning}")
    finally:
        db.close()
    return status


def cmd_withdraw(args: argparse.Namespace) -> int:
    """Withdraw a document (id, sha256 prefix or source): never served, notices cancelled."""
    from knowledge.store import NoSuchDocument, ensure_db, open_db, withdraw

    db = open_db(ensure_db(_db_path(args)))
    try:
        print(withdraw(db, args.document).describe())
    except NoSuchDocument as error:
        print(f"evalbot withdraw: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


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


def _engine(args: argparse.Namespace) -> Engine:
    from bot.engine import Engine
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    return Engine(Queries(ensure_db(_db_path(args))))


def _print_answer(answer: Answer, as_json: bool) -> None:
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
    lang, context = args.lang, None
    suggestions: list[Suggestion] = []
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
    return sorted(OWN_QUESTIONS.glob("*.yaml"))


def cmd_bench(args: argparse.Namespace) -> int:
    """Run a rerunnable benchmark and print its figures (bot/benchmarks)."""
    if args.what == "kb":
        from bot.benchmarks import kb

        kb.run_bench(sys.stdout, documents=args.documents)
    elif args.what == "engine":
        from bot.benchmarks import engine

        files = [Path(f) for f in args.questions] if args.questions else _question_files()
        if args.scorers:
            engine.run_scorers(_engine(args), files, sys.stdout)
        elif args.rounds or args.largest:
            _bench_engine_grown(args, files)
        else:
            engine.run_bench(lambda: _engine(args), files, sys.stdout)
    elif args.what == "telegram":
        from bot.benchmarks import telegram

        telegram.run_bench(
            sys.stdout,
            chats=args.chats or telegram.CHATS,
            rate=args.rate or telegram.RATE,
            seconds=args.seconds,
            saturation_seconds=args.seconds / 2,
        )
    elif args.what == "ingest-stall":
        from bot.benchmarks import stall

        stall.run_bench(sys.stdout, rate=args.rate or stall.RATE, chats=args.chats or stall.CHATS)
    elif args.what == "notify":
        from bot.benchmarks import notify

        notify.run_bench(sys.stdout, subscribers=args.subscribers)
    return 0


def _bench_engine_grown(args: argparse.Namespace, files: list[Path]) -> None:
    """The engine benchmark over a temporary copy of the knowledge base grown by a
    generated history (``--rounds N``) or by the largest accepted document (``--largest``)."""
    import tempfile

    import yaml

    from bot.benchmarks import engine
    from bot.engine import Engine
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    base = ensure_db(_db_path(args))
    with tempfile.TemporaryDirectory() as folder:
        if args.largest:
            path = engine.with_documents(base, [engine.largest_document()], Path(folder))
            engine.run_start(path, sys.stdout)
            return
        documents, questions = engine.history_documents(args.rounds)
        path = engine.with_documents(base, documents, Path(folder))
        asked = Path(folder) / "history-questions.yaml"
        asked.write_text(yaml.safe_dump([{"q": q} for q in questions], allow_unicode=True))
        print(f"{args.rounds} generated rounds ({len(documents)} pages) beside the knowledge base")
        engine.run_bench(lambda: Engine(Queries(path)), [*files, asked], sys.stdout)


def cmd_run(args: argparse.Namespace) -> int:
    """Start the Telegram bot (long polling, or a webhook with --webhook)."""
    from bot.telegram.app import run

    run(settings(), webhook_url=args.webhook, listen=args.listen, port=args.port)
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
    ingest = add("ingest", cmd_ingest)
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"accept documents up to N bytes (default {MAX_BYTES:,}, as /publish)",
    )
    add("withdraw", cmd_withdraw).add_argument(
        "document", metavar="DOCUMENT", help="document id, sha256 prefix, source name or file"
    )
    add("rounds", cmd_rounds)
    ask = add("ask", cmd_ask)
    ask.add_argument("question", nargs="?")
    ask.add_argument("--lang", choices=["ko", "en"])
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    add("chat", cmd_chat).add_argument("--lang", choices=["ko", "en"])
    add("eval", cmd_eval).add_argument(
        "files", nargs="+", metavar="FILE", help="question sets, e.g. a development set"
    )
    bench = add("bench", cmd_bench)
    bench.add_argument("what", choices=["kb", "engine", "telegram", "notify", "ingest-stall"])
    bench.add_argument("--documents", type=int, default=1000, help="kb: synthetic rounds to ingest")
    bench.add_argument(
        "--questions",
        action="append",
        metavar="FILE",
        help="engine: a question set (repeatable; default: tests/questions of a checkout)",
    )
    bench.add_argument("--scorers", action="store_true", help="engine: compare intent scorers")
    bench.add_argument(
        "--rounds", type=int, default=0, help="engine: add a generated history of N rounds"
    )
    bench.add_argument(
        "--largest",
        action="store_true",
        help="engine: start-up after ingesting the largest accepted document",
    )
    bench.add_argument(
        "--chats", type=int, help="telegram, ingest-stall: chats asking (default 50, 10)"
    )
    bench.add_argument(
        "--rate", type=float, help="telegram, ingest-stall: updates offered/s (default 200, 100)"
    )
    bench.add_argument("--seconds", type=float, default=10.0, help="telegram: seconds at --rate")
    bench.add_argument(
        "--subscribers", type=int, default=1000, help="notify: subscribers to tell of a round"
    )
    run = add("run", cmd_run)
    run.add_argument("--webhook", metavar="URL", help="serve a webhook at this public URL")
    run.add_argument("--listen", default="0.0.0.0")
    run.add_argument("--port", type=int, default=8443)
    add("subscribers", cmd_subscribers)
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail on the closed pipe
    again (and print a traceback after all)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    load_dotenv_file()
    args = _parser().parse_args(argv)
    try:
        configure_logging(settings().log_level)
    except SettingsError as error:
        print(f"evalbot: {error}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `evalbot ask … | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except DatabaseProblem as problem:
        print(f"evalbot {args.command}: {problem}", file=sys.stderr)
    except sqlite3.Error as error:
        print(f"evalbot {args.command}: {problem_from(_db_path(args), error)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
