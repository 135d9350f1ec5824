"""Parents on the public site, for locust: what ``bench/load_test.py`` runs.

The parents' mix of the reference scenario (``../shared/bench/locustfile.py``: the home
page, the directory searched in words and with filters, school pages, the JSON API, each
parent waiting 1 to 3 s between requests), plus what parents do since: searching near a
postcode (``postcode`` and ``distance``, as the directory's form sends them) and comparing
two or three schools side by side (``<schools index>/compare/?urn=..&urn=..``).

The searches use the data of ``bench/directory_benchmark.py``'s generator: its words,
need codes and made-up postcodes (``ZZ1 1AA``, ``ZZ2 1AA``). The schools visited and
compared are read once, before the first parent starts, from the JSON API (outside the
figures). The two kinds of request added since are tagged ``since``: locust's
``--exclude-tags since`` (``load_test.py --reference-mix``) runs the reference mix alone,
to compare with the figures measured with it. Run it only against a server on
127.0.0.1, normally through ``bench/load_test.py``; by hand:

    .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s \\
        -H http://127.0.0.1:8106 --csv /tmp/parents
"""

from __future__ import annotations

import json
import random
from urllib.parse import urlsplit
from urllib.request import urlopen

from locust import HttpUser, between, events, tag, task

WORDS = [
    "autism",
    "dyslexia",
    "wheelchair",
    "speech therapy",
    "autisim",
    "hearing",
    "anxiety",
    "nurture",
    "sensory",
    "lift",
]
NEEDS = ["ASD", "SLCN", "SEMH", "SPLD", "HI", "PD"]
PHASES = ["primary", "secondary"]
# The generator's postcodes, written as parents type them; the outward code alone too.
POSTCODES = ["ZZ1 1AA", "zz11aa", "ZZ2 1AA", "zz2 1aa", "ZZ1", "ZZ2"]
# The directory form's choices ("" is "Any distance").
DISTANCES = ["", "1", "3", "5", "10", "25"]
DIRECTORY = "/schools/find-a-school/"

# Filled once by ``_read_schools``: (page path, URN) of the schools on the API's first page.
SCHOOLS: list[tuple[str, str]] = []
COMPARE_URL: list[str] = []


@events.test_start.add_listener
def _read_schools(environment, **_kwargs) -> None:
    """Read the schools parents visit, before any of them starts (not counted)."""
    if SCHOOLS:
        return
    with urlopen(f"{environment.host}/api/v1/directory/?page_size=100", timeout=30) as answer:
        results = json.load(answer)["results"]
    SCHOOLS.extend((urlsplit(school["url"]).path, school["urn"]) for school in results)
    if not SCHOOLS:
        raise RuntimeError("The site lists no schools: nothing to load-test")
    # A school's page is <schools index>/<slug>/; comparing is <schools index>/compare/.
    index = SCHOOLS[0][0].rstrip("/").rsplit("/", 1)[0]
    COMPARE_URL.append(f"{index}/compare/")


class Parent(HttpUser):
    """One parent: reads, searches and compares, thinking 1 to 3 s between pages."""

    wait_time = between(1, 3)

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(6)
    def search_words(self) -> None:
        self.client.get(DIRECTORY, params={"q": random.choice(WORDS)}, name="directory words")

    @task(4)
    def search_filters(self) -> None:
        params = [("need", random.choice(NEEDS)), ("need", random.choice(NEEDS))]
        if random.random() < 0.5:
            params.append(("q", random.choice(WORDS)))
        self.client.get(DIRECTORY, params=params, name="directory filters")

    @tag("since")
    @task(3)
    def search_near_postcode(self) -> None:
        params = [("postcode", random.choice(POSTCODES)), ("distance", random.choice(DISTANCES))]
        if random.random() < 0.3:
            params.append(("need", random.choice(NEEDS)))
        if random.random() < 0.3:
            params.append(("phase", random.choice(PHASES)))
        if random.random() < 0.2:
            params.append(("q", random.choice(WORDS)))
        self.client.get(DIRECTORY, params=params, name="directory postcode")

    @task(5)
    def school_page(self) -> None:
        self.client.get(random.choice(SCHOOLS)[0], name="school page")

    @tag("since")
    @task(2)
    def compare(self) -> None:
        urns = [urn for _path, urn in random.sample(SCHOOLS, random.choice((2, 2, 3)))]
        self.client.get(COMPARE_URL[0], params={"urn": urns}, name="compare")

    @task(3)
    def api(self) -> None:
        self.client.get(
            "/api/v1/directory/",
            params={"q": random.choice(WORDS), "format": "json"},
            name="api directory",
        )
