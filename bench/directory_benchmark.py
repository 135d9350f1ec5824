"""Times the school directory on N generated schools through the real page view.

    .venv/bin/python bench/directory_benchmark.py [--schools 5000] [--rounds 20]
                                                  [--database FILE] [--api] [--floor]

It builds a scratch SQLite database (``--database``, default a new temporary file; an
existing file that already holds ``--schools`` schools is reused), or with
``--database-url`` another one (PostgreSQL: an existing database, empty or already
holding ``--schools`` schools), migrates it and
creates that many live school pages under the schools index, with realistic names,
phases, needs, accessibility, services, specialist provision and report text about
4 KB long. Pages are created through Wagtail's tree API (``add_child``), so they are
real live ``SchoolPage`` rows; the search index is then built in bulk with
``wagtail_update_index``. No revisions are stored, which the directory does not read.

It then runs a fixed mix of directory searches through the Django test client against
the directory page (and with ``--api`` the JSON API too): text only, filters only,
both, and deep pages. Each search runs once to warm up and then ``--rounds`` times. It
prints the median and 95th percentile latency (and CPU time) per kind and overall, the SQL
queries per request (which must not vary). Targets (issue 4): at most 10 queries per
request, 95th percentile under 150 ms at 5,000 schools on two cores.

With ``--floor`` it first runs the engine floor (``floor.py`` in the shared ``bench/``
folder, ``$LOCALOFFER_SHARED`` or ``../shared``: hand-written SQL for the same kind of
request on SQLite and PostgreSQL, at the same number of schools; the ratios use the
engine the page runs on) in a subprocess, so that both meet
the same machine load, and prints the directory page's median and 95th percentile as
multiples of the floor's (issue 20: at most three). The floor needs psycopg and a
PostgreSQL database (``$FLOOR_DATABASE``, default ``floor``) that libpq reaches with the
``PG*`` variables of the environment (for example ``PGHOST=/tmp PGPORT=54329
PGUSER=postgres``); it writes to ``$FLOOR_DIR``, default ``/tmp/floor``.
Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine_floor import report_ratios, run_floor  # noqa: E402  (beside this script)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database", type=Path, help="SQLite file to build or reuse.")
    parser.add_argument(
        "--database-url",
        help="Another database to build or reuse instead, e.g. postgres://postgres@127.0.0.1"
        ":54329/bench_pg (an existing, empty database); the floor ratios are then PostgreSQL's.",
    )
    parser.add_argument("--api", action="store_true", help="Also time the JSON API.")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--floor", action="store_true", help="First run the engine floor; print the ratios."
    )
    parser.add_argument("--floor-reps", type=int, default=100, help="Floor repetitions.")
    return parser.parse_args()


ARGS = _arguments()
if ARGS.database_url:
    DATABASE = ARGS.database_url
    os.environ["DATABASE_URL"] = ARGS.database_url
else:
    DATABASE = ARGS.database or Path(tempfile.mkdtemp(prefix="directory-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE.resolve()}"
# The floor's engine the page is held to: the one the page runs on.
FLOOR_ENGINE = "pg" if os.environ["DATABASE_URL"].startswith("postgres") else "sqlite"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models.signals import post_delete, post_save  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from modelsearch.signal_handlers import (  # noqa: E402
    post_delete_signal_handler,
    post_save_signal_handler,
)

from postcodes.models import OutwardCode, Postcode  # noqa: E402
from schools.factories import school_index  # noqa: E402
from schools.models import (  # noqa: E402
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    SchoolPage,
    SpecialistProvision,
)
from search.models import DirectoryPage  # noqa: E402
from search.services import ensure_directory_page  # noqa: E402

PLACES = [
    "Malton",
    "Pickering",
    "Whitby",
    "Scarborough",
    "Thirsk",
    "Ripon",
    "Harrogate",
    "Knaresborough",
    "Selby",
    "Tadcaster",
    "Skipton",
    "Settle",
    "Northallerton",
    "Bedale",
    "Richmond",
    "Catterick",
    "Stokesley",
    "Helmsley",
    "Kirkbymoorside",
    "Filey",
    "Norton",
    "Easingwold",
    "Boroughbridge",
    "Masham",
    "Leyburn",
    "Hawes",
    "Sherburn",
    "Ampleforth",
    "Hovingham",
    "Sledmere",
    "Heslerton",
    "Rillington",
    "Thornton-le-Dale",
    "Sinnington",
    "Lastingham",
    "Goathland",
    "Sleights",
    "Robin Hood's Bay",
    "Staithes",
    "Danby",
    "Castleton",
    "Glaisdale",
    "Egton",
    "Lythe",
    "Sandsend",
    "Hinderwell",
    "Loftus",
    "Brotton",
    "Guisborough",
    "Great Ayton",
    "Swainby",
    "Osmotherley",
]
PATRONS = [
    "St Mary's",
    "St John's",
    "St Peter's",
    "All Saints",
    "Holy Trinity",
    "St Hilda's",
    "Christ Church",
    "St Oswald's",
    "Sacred Heart",
    "St Wilfrid's",
    "",
]
PHASES = [
    ("primary", 60, "Primary School"),
    ("secondary", 15, "High School"),
    ("infant", 7, "Infant School"),
    ("junior", 6, "Junior School"),
    ("nursery", 3, "Nursery School"),
    ("special", 4, "Special School"),
    ("all-through", 2, "Academy"),
    ("16-19", 1, "Sixth Form College"),
    ("alternative-provision", 1, "Learning Centre"),
    ("middle", 1, "Middle School"),
]
TYPES = [
    "community",
    "voluntary-controlled",
    "voluntary-aided",
    "academy",
    "foundation",
    "free-school",
    "",
]
NEED_ODDS = {
    "SLCN": 0.6,
    "ASD": 0.6,
    "SPLD": 0.55,
    "MLD": 0.5,
    "SEMH": 0.55,
    "HI": 0.2,
    "VI": 0.15,
    "PD": 0.25,
    "SLD": 0.1,
    "PMLD": 0.05,
    "MSI": 0.05,
    "OTH": 0.05,
}
SENTENCES = {
    "ASD": "We support autistic pupils with visual timetables, a quiet base and social stories.",
    "SPLD": "Pupils with dyslexia get structured phonics, coloured overlays and extra time.",
    "SLCN": "Our speech and language work includes Talk Boost groups and signing.",
    "SEMH": "A trained ELSA helps pupils with anxiety, and we run nurture groups.",
    "HI": "Teachers use a soundfield system and radio aids for deaf pupils.",
    "VI": "Resources are enlarged and a specialist teacher advises on sight loss.",
    "PD": "The site has ramps, and staff are trained in moving and handling.",
    "MLD": "Small-group teaching and precision teaching help pupils who learn more slowly.",
}
GENERAL = [
    "We meet parents each term to agree outcomes and review progress together.",
    "The SENCO works with class teachers to plan adjustments for each child.",
    "Pupils are listened to through pupil voice meetings and one-page profiles.",
    "We follow the graduated approach of assess, plan, do and review.",
    "Staff have training in attachment, trauma-informed practice and restorative approaches.",
    "Transitions are planned with extra visits, photo books and meetings with the next school.",
    "Clubs and trips are open to every pupil, with risk assessments and extra adults.",
    "We work with the educational psychologist, the school nurse and the early help team.",
    "Complaints go first to the class teacher, then the SENCO, then the head teacher.",
    "Our accessibility plan is reviewed every three years by the governors.",
    "Children looked after by the council have a personal education plan.",
    "The Local Offer lists the services families can use across the county.",
]


def _report(rng: random.Random, needs: list[str]) -> dict[str, str]:
    keys = [
        "kinds_of_need",
        "identification",
        "consulting_parents",
        "consulting_pupils",
        "assessing_progress",
        "transitions",
        "teaching_approach",
        "adaptations",
        "staff_expertise",
        "equipment_facilities",
        "evaluating_effectiveness",
        "inclusion_activities",
        "emotional_social",
        "other_bodies",
        "complaints",
        "looked_after_children",
        "local_offer",
        "accessibility",
    ]
    report = {}
    for key in rng.sample(keys, rng.randint(11, len(keys))):
        sentences = rng.sample(GENERAL, rng.randint(3, 6))
        sentences += [SENTENCES[n] for n in needs if n in SENTENCES and rng.random() < 0.4]
        rng.shuffle(sentences)
        report[key] = "".join(f"<p>{s}</p>" for s in sentences)
    return report


def generate(count: int, seed: int) -> None:
    """Create ``count`` live school pages with facets and text, then index them."""
    rng = random.Random(seed)
    # Locations from a generator of their own, so the rest of the data stays as before.
    places = random.Random(seed + 1)
    index = school_index()
    ensure_directory_page(index)
    needs = {n.code: n.pk for n in NeedArea.objects.all()}
    features = list(AccessibilityFeature.objects.values_list("pk", flat=True))
    services = list(OutreachService.objects.values_list("pk", flat=True))
    through_needs, through_features, through_services, provisions = [], [], [], []
    post_save.disconnect(post_save_signal_handler, sender=SchoolPage)
    post_delete.disconnect(post_delete_signal_handler, sender=SchoolPage)
    started = time.perf_counter()
    with transaction.atomic():
        for number in range(count):
            phase, _weight, suffix = rng.choices(PHASES, weights=[p[1] for p in PHASES])[0]
            place = rng.choice(PLACES)
            name = " ".join(part for part in (rng.choice(PATRONS), place, suffix) if part)
            chosen = [code for code, odds in NEED_ODDS.items() if rng.random() < odds]
            reviewed = None
            if rng.random() > 0.1:
                reviewed = django.utils.timezone.localdate() - django.utils.timezone.timedelta(
                    days=rng.randint(0, 1100)
                )
            page = SchoolPage(
                title=name,
                slug=f"school-{number}",
                urn=f"{100000 + number:06d}",
                phase=phase,
                establishment_type=rng.choice(TYPES),
                town=place,
                last_reviewed=reviewed,
                live=True,
                # A county of about 50 by 40 miles around CENTRE; one school in 50 unplaced.
                latitude=CENTRE[0] + places.uniform(-0.3, 0.3) if places.random() > 0.02 else None,
                longitude=CENTRE[1] + places.uniform(-0.7, 0.7),
                **_report(rng, chosen),
            )
            index.add_child(instance=page)
            through_needs += [(page.pk, needs[code]) for code in chosen]
            through_features += [(page.pk, f) for f in rng.sample(features, rng.randint(0, 8))]
            through_services += [(page.pk, s) for s in rng.sample(services, rng.randint(2, 12))]
            if rng.random() < 0.1:
                provisions.append(
                    SpecialistProvision(
                        page_id=page.pk,
                        kind=rng.choice(["resourced-provision", "sen-unit", "enhanced-mainstream"]),
                    )
                )
            if number % 1000 == 999:
                print(f"  {number + 1} pages ({time.perf_counter() - started:.0f} s)")
        SchoolPage.needs.through.objects.bulk_create(
            SchoolPage.needs.through(schoolpage_id=s, needarea_id=n) for s, n in through_needs
        )
        SchoolPage.accessibility_features.through.objects.bulk_create(
            SchoolPage.accessibility_features.through(schoolpage_id=s, accessibilityfeature_id=f)
            for s, f in through_features
        )
        SchoolPage.outreach_services.through.objects.bulk_create(
            SchoolPage.outreach_services.through(schoolpage_id=s, outreachservice_id=o)
            for s, o in through_services
        )
        SpecialistProvision.objects.bulk_create(provisions)
    post_save.connect(post_save_signal_handler, sender=SchoolPage)
    post_delete.connect(post_delete_signal_handler, sender=SchoolPage)
    print(f"  created in {time.perf_counter() - started:.0f} s; building the search index")
    call_command("wagtail_update_index", verbosity=0)


# The middle of the generated county, and the made-up postcodes searched from.
CENTRE = (54.1, -1.2)
BENCH_POSTCODES = {"ZZ1 1AA": CENTRE, "ZZ2 1AA": (CENTRE[0] + 0.2, CENTRE[1] + 0.4)}

MIX: dict[str, list[dict[str, object]]] = {
    "text only": [
        {"q": "autism"},
        {"q": "dyslexia"},
        {"q": "wheelchair"},
        {"q": "speech therapy"},
        {"q": "Pickering"},
        {"q": "autisim"},
        {"q": "nurture groups anxiety"},
    ],
    "filters only": [
        {},
        {"need": "ASD", "phase": "primary"},
        {"accessibility": ["step-free-access", "lift"]},
        {"outreach": "speech-and-language-therapy", "need": ["HI", "VI"]},
        {"phase": "secondary", "type": "academy", "provision": "resourced-provision"},
        {
            "need": "ASD",
            "phase": "primary",
            "accessibility": ["step-free-access", "lift"],
            "outreach": "speech-and-language-therapy",
        },
    ],
    "text and filters": [
        {"q": "autism", "phase": "primary", "accessibility": "step-free-access"},
        {"q": "speech therapy", "need": "SLCN"},
        {
            "q": "wheelchair lift",
            "phase": "primary",
            "need": "ASD",
            "outreach": "speech-and-language-therapy",
        },
        {"q": "quiet base", "sort": "name", "need": "ASD"},
    ],
    "near a postcode": [
        {"postcode": "ZZ1 1AA"},
        {"postcode": "zz11aa", "distance": 5},
        {"postcode": "ZZ2 1AA", "distance": 10, "need": "ASD", "phase": "primary"},
        {"postcode": "ZZ1", "distance": 3, "accessibility": "step-free-access"},
        {"postcode": "ZZ1 1AA", "distance": 10, "q": "autism"},
        {"postcode": "ZZ2 1AA", "q": "speech therapy", "sort": "distance"},
        {"postcode": "ZZ1 1AA", "page": 50},
    ],
    "deep page": [
        {"page": 200},
        {"phase": "primary", "page": 100},
        {"q": "parents", "page": 150},
    ],
}


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(client: Client, url: str, rounds: int) -> dict[str, Timings]:
    results: dict[str, Timings] = {}
    for kind, searches in MIX.items():
        timings = Timings()
        for params in searches:
            assert client.get(url, params).status_code == 200  # warm up
            for _round in range(rounds):
                with CaptureQueriesContext(connection) as context:
                    started, cpu = time.perf_counter(), time.process_time()
                    response = client.get(url, params)
                    timings.wall.append((time.perf_counter() - started) * 1000)
                    timings.cpu.append((time.process_time() - cpu) * 1000)
                assert response.status_code == 200, (url, params)
                timings.queries.add(len(context))
        results[kind] = timings
    return results


@dataclass
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)


def report(title: str, results: dict[str, Timings]) -> None:
    print(f"\n{title}")
    print(
        f"  {'kind':<18}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
        f"{'CPU median':>12}{'CPU p95':>9}  queries"
    )
    everything = Timings()
    for kind, timings in [*results.items(), ("all", everything)]:
        if kind != "all":
            everything.wall += timings.wall
            everything.cpu += timings.cpu
            everything.queries |= timings.queries
        queries = sorted({min(timings.queries), max(timings.queries)})
        print(
            f"  {kind:<18}{len(timings.wall):>9}{statistics.median(timings.wall):>11.1f}"
            f"{_percentile(timings.wall, 0.95):>9.1f}{max(timings.wall):>9.1f}"
            f"{statistics.median(timings.cpu):>12.1f}{_percentile(timings.cpu, 0.95):>9.1f}"
            f"  {'-'.join(str(q) for q in queries)}"
        )


def prepare(schools: int, seed: int) -> DirectoryPage:
    """Migrate the benchmark database, generate ``schools`` schools once, and return the
    directory page. Shared with ``elasticsearch_benchmark.py``."""
    print(f"Database: {DATABASE}")
    call_command("migrate", verbosity=0)
    existing = SchoolPage.objects.live().count()
    if existing != schools:
        if existing:
            sys.exit(f"{DATABASE} holds {existing} schools, not {schools}; use a new one")
        print(f"Generating {schools} schools")
        generate(schools, seed)
    for postcode, (latitude, longitude) in BENCH_POSTCODES.items():
        outward = postcode.split()[0]
        Postcode.objects.update_or_create(
            postcode=postcode,
            defaults={"outward": outward, "latitude": latitude, "longitude": longitude},
        )
        OutwardCode.objects.update_or_create(
            code=outward,
            defaults={
                "latitude": latitude,
                "longitude": longitude,
                "postcodes": 1,
                "in_area": True,
            },
        )
    return ensure_directory_page(school_index())


def main() -> None:
    directory = prepare(ARGS.schools, ARGS.seed)
    floor = run_floor(ARGS.schools, ARGS.floor_reps, FLOOR_ENGINE) if ARGS.floor else None
    client = Client()
    print(f"{ARGS.schools} live schools; {os.cpu_count()} CPUs; {ARGS.rounds} rounds per search")
    print("Load average before (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    page = run(client, directory.url, ARGS.rounds)
    report(f"Directory page {directory.url}", page)
    if ARGS.api:
        report("JSON API /api/v1/directory/", run(client, "/api/v1/directory/", ARGS.rounds))
    print("Load average after (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if floor is not None:
        report_ratios({kind: timings.wall for kind, timings in page.items()}, floor, FLOOR_ENGINE)
    print("(CPU is this process's CPU time per request: what the machine's other load")
    print(" cannot inflate, unlike wall-clock latency.)")


if __name__ == "__main__":
    main()
