"""What each kind of parents' request costs the server, not in the cache and in it.

    .venv/bin/python bench/request_costs.py [--schools 5000] [--database FILE]
        [--port 8109] [--count 10] [--out DIR]

The load test (``bench/served_site.py``) says how the site copes with many parents; this
says where its CPU goes. It serves the load test's database with the same gunicorn and
production settings, but with one worker (so a second request for an address finds
what the first one left in that worker's cache), and asks for ``--count`` different
addresses of each kind in the parents' mix (``bench/locustfile.py``) one after the
other, then the same addresses again. For each kind it prints the server's CPU time per
request (from the kernel's counts, so other work on the machine does not inflate it;
in steps of 10 ms per process, hence several addresses per kind) and the wall-clock
time, the first time (a cache miss) and the second (a hit, if the answer is kept).
Figures: docs/performance.md, "Parents under load (issue 20)".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import locustfile
import served_site

DIRECTORY = locustfile.DIRECTORY


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--database", type=Path)
    parser.add_argument("--port", type=int, default=8109)
    parser.add_argument("--count", type=int, default=10, help="Addresses per kind (10).")
    parser.add_argument("--out", type=Path, default=Path("/tmp/localoffer-load/costs"))
    return parser.parse_args()


def addresses(base: str, count: int) -> dict[str, list[str]]:
    """``count`` different addresses of each kind of request in the parents' mix. The
    home page has one address: it is asked for with a query of no meaning
    (``?visit=N``), which the page cache keeps apart."""
    with urllib.request.urlopen(f"{base}/api/v1/directory/?page_size=100", timeout=60) as answer:
        schools = json.load(answer)["results"]
    paths = [urlsplit(school["url"]).path for school in schools]
    urns = [school["urn"] for school in schools]
    compare = paths[0].rstrip("/").rsplit("/", 1)[0] + "/compare/"
    words, needs = locustfile.WORDS, locustfile.NEEDS
    postcodes, distances = locustfile.POSTCODES, locustfile.DISTANCES

    def pick(values: list[str], i: int) -> str:
        return values[i % len(values)]

    def page(path: str, params: list[tuple[str, str]]) -> str:
        return f"{path}?{urlencode(params)}"

    kinds = {
        "home": [page("/", [("visit", str(i))]) for i in range(count)],
        "school page": paths[:count],
        "directory words": [page(DIRECTORY, [("q", pick(words, i))]) for i in range(count)],
        "directory filters": [
            page(
                DIRECTORY,
                [("need", pick(needs, i)), ("need", pick(needs, i + 2)), ("q", pick(words, i))],
            )
            for i in range(count)
        ],
        "directory postcode": [
            page(
                DIRECTORY,
                [
                    ("postcode", pick(postcodes, i)),
                    ("distance", pick(distances, i)),
                    ("need", pick(needs, i)),
                ],
            )
            for i in range(count)
        ],
        "compare": [page(compare, [("urn", urns[i]), ("urn", urns[-1 - i])]) for i in range(count)],
        "api directory": [
            page("/api/v1/directory/", [("q", pick(words, i)), ("format", "json")])
            for i in range(count)
        ],
    }
    return kinds


def main() -> None:
    args = _arguments()
    database = args.database or Path(f"/tmp/localoffer-load/schools-{args.schools}.sqlite3")
    args.out.mkdir(parents=True, exist_ok=True)
    served_site.build_database(database, args.schools, args.seed)
    env = served_site.server_environment(database, "1000000/m")
    served_site.collect_static(env)
    print("Load average before (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with served_site.Server(env, args.port, 1, args.out) as server:
        print(
            "| request | CPU ms, not kept | CPU ms, kept | wall ms, not kept | wall ms, kept |\n"
            "| --- | ---: | ---: | ---: | ---: |"
        )
        for kind, urls in addresses(server.url, args.count).items():
            # The worker's first request of a kind loads its templates and code paths: one
            # beforehand, at an address of its own (a query of no meaning).
            separator = "&" if "?" in urls[0] else "?"
            warm_up = f"{server.url}{urls[0]}{separator}warm-up=1"
            with urllib.request.urlopen(warm_up, timeout=60) as answer:
                answer.read()
            figures = []
            for _time in ("first", "second"):
                cpu, started = server.cpu_seconds(), time.perf_counter()
                for url in urls:
                    with urllib.request.urlopen(server.url + url, timeout=60) as answer:
                        answer.read()
                figures.append((server.cpu_seconds() - cpu) * 1000 / len(urls))
                figures.append((time.perf_counter() - started) * 1000 / len(urls))
            print(
                f"| {kind} | {figures[0]:.0f} | {figures[2]:.0f} | {figures[1]:.0f} "
                f"| {figures[3]:.0f} |"
            )
    print("Load average after (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
