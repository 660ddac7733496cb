"""`evalbot bench kb`: ingest throughput and database size over synthetic rounds.

Rerunnable by anyone: it builds a fresh database from the shipped sources in a temporary
folder, then ingests ``documents`` synthetic disclosures one transaction each (exactly the
path `evalbot ingest` takes) and reports documents/s and the resulting file size.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TextIO

from knowledge import synthetic
from knowledge.disclosure import parse
from knowledge.store import build, ingest_text, open_db


def run_bench(out: TextIO, documents: int = 1000, services: int = 6) -> dict[str, float]:
    texts = [
        synthetic.disclosure(2030 + i // 20, i % 20 + 1, services, seed=i, scores=i % 2 == 0)
        for i in range(documents)
    ]
    started = time.perf_counter()
    for text in texts:
        parse(text)
    parse_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        build(path)
        db = open_db(path)
        started = time.perf_counter()
        for i, text in enumerate(texts):
            ingest_text(db, text, f"synthetic-{i}.txt")
        elapsed = time.perf_counter() - started
        db.execute("pragma wal_checkpoint(truncate)")
        db.close()
        size = path.stat().st_size
    result = {
        "documents": documents,
        "services_per_document": services,
        "ingest_seconds": round(elapsed, 3),
        "documents_per_second": round(documents / elapsed, 1),
        "parse_ms_per_document": round(parse_s * 1000 / documents, 3),
        "db_bytes": size,
        "db_mib": round(size / 2**20, 2),
    }
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}", file=out)
    return result
