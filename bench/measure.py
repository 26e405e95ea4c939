"""One measured run in a fresh process (so peak memory is this run's alone); prints one JSON line.

    python bench/measure.py build TREE SITE TODAY      the real pipeline (python -m generator build)
    python bench/measure.py baseline TREE SITE TODAY   every record a Markdown page through MkDocs + built-in search
    python bench/measure.py validate TREE              read and validate only
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import date
from pathlib import Path


def peak_rss_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(max(own, children), 1), "python_rss_mb": round(own, 1),
            "tools_rss_mb": round(children, 1)}


def main(argv: list[str]) -> int:
    mode, tree = argv[0], Path(argv[1])
    start = time.perf_counter()
    if mode == "validate":
        from generator.validate import validate

        outcome = validate(tree)
        rows = sum(len(t.records) for t in outcome.catalog.tables.values())
        result = {"ok": outcome.ok, "rows": rows, "timings": {"validate": time.perf_counter() - start}}
    else:
        site, today = Path(argv[2]), date.fromisoformat(argv[3])
        if mode == "build":
            from generator.build import build
        else:
            from baseline import build  # type: ignore[no-redef]
        built = build(tree, site, today)
        result = {"ok": built.ok, "pages": built.pages, "records": built.records, "timings": built.timings,
                  "workers": getattr(built, "workers", 1), "log": built.log[-3:]}
    result["wall"] = time.perf_counter() - start
    result.update(peak_rss_mb())
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
