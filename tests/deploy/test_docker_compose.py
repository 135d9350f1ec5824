"""docker-compose.yml agrees with the production settings (no Docker engine needed).

The file is read with PyYAML and its ``${VARIABLE}`` references are filled in the way
Compose fills them, from the example .env. The production settings are then loaded
in a fresh Python process with exactly the environment Compose would give the web
container, and what they make of it (database host, Elasticsearch host) is compared
with the services the file defines.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import elasticsearch
import pytest
import yaml
from django.core.management import call_command, get_commands
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
WEB_SERVICES = ("web", "setup")

# What a deployer's .env might hold: the example, with the blanks filled in.
DEPLOY_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-the-compose-test-0123456789-abcdefgh",
    "POSTGRES_PASSWORD": "dbpassword123",
    "ELASTIC_PASSWORD": "espassword456",
}

_VARIABLE = re.compile(
    r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
)


class MissingVariable(Exception):
    pass


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Fill in ``${NAME}``, ``${NAME:-default}``, ``${NAME:?error}`` as Compose does."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        current = env.get(name)
        unset = current is None or (op is not None and op.startswith(":") and current == "")
        if op and op.endswith("?") and unset:
            raise MissingVariable(f"{name}: {arg}")
        if op and op.endswith("-") and unset:
            return arg
        return current or ""

    return _VARIABLE.sub(replace, value)


def example_env() -> dict[str, str]:
    env = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return {**env, **{k: v for k, v in DEPLOY_ENV.items() if not env.get(k)}}


def compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    return interpolate(yaml.safe_load(COMPOSE.read_text()), example_env() if env is None else env)


def environment_variables() -> set[str]:
    """The variables localoffer/settings/environment.py reads, from its source."""
    tree = ast.parse((ROOT / "localoffer" / "settings" / "environment.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"env_str", "env_bool", "env_optional_bool", "env_int", "env_list"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def production_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Load the production settings in a clean process with exactly ``env``."""
    script = """
import json, django
from django.conf import settings
django.setup()
from localoffer.settings.production import REQUIRED
print(json.dumps({
    "database": settings.DATABASES["default"],
    "elasticsearch_url": settings.LOCALOFFER_ELASTICSEARCH_URL,
    "caches": settings.CACHES,
    "backend": settings.LOCALOFFER_DIRECTORY_BACKEND,
    "required": sorted(REQUIRED),
    "debug": settings.DEBUG,
    "middleware": settings.MIDDLEWARE,
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
}, default=str))
"""
    return subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    return compose()["services"]


@pytest.fixture(scope="module")
def web_settings(services) -> dict[str, Any]:
    result = production_settings(services["web"]["environment"])
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_every_variable_production_requires_is_given_to_the_web_containers(services, web_settings):
    required = set(web_settings["required"])
    assert required >= {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"}
    for name in WEB_SERVICES:
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "localoffer.settings.production"
        missing = {var for var in required if not environment.get(var)}
        assert missing == set(), name
    assert web_settings["debug"] is False


def test_the_web_containers_get_only_variables_the_project_reads(services):
    known = environment_variables() | {"DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"}
    for name in WEB_SERVICES:
        assert set(services[name]["environment"]) - known == set(), name


def test_without_a_secret_compose_refuses_to_start_and_so_would_the_settings(services):
    env = example_env()
    del env["DJANGO_SECRET_KEY"]
    with pytest.raises(MissingVariable, match="DJANGO_SECRET_KEY"):
        compose(env)

    environment = dict(services["web"]["environment"], DJANGO_SECRET_KEY="")
    result = production_settings(environment)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_the_database_url_names_the_database_service(services, web_settings):
    database = web_settings["database"]
    db = services["db"]["environment"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] in services
    assert database["HOST"] == "db"
    assert int(database["PORT"]) == 5432
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        db["POSTGRES_DB"],
        db["POSTGRES_USER"],
        db["POSTGRES_PASSWORD"],
    )


def test_the_elasticsearch_url_names_the_elasticsearch_service(services, web_settings):
    url = urlsplit(web_settings["elasticsearch_url"])
    node = services["elasticsearch"]["environment"]

    assert url.hostname in services
    assert url.hostname == "elasticsearch"
    assert url.port == 9200
    assert (url.username, url.password) == ("elastic", node["ELASTIC_PASSWORD"])
    assert web_settings["backend"] == "search.elastic.backend.ElasticsearchBackend"


def test_every_web_container_shares_the_redis_service_for_its_caches(services, web_settings):
    # Pages, API answers and rate-limit counts: one copy for every container and worker.
    caches = web_settings["caches"]
    for alias in ("default", "public-api", "public-answers", "public-pages"):
        assert caches[alias]["BACKEND"] == "localoffer.cache_backends.ForgivingRedisCache"
        url = urlsplit(caches[alias]["LOCATION"])
        assert (url.scheme, url.hostname, url.port) == ("redis", "redis", 6379)
    assert len({caches[alias]["KEY_PREFIX"] for alias in caches}) == len(caches)
    redis = services["redis"]
    assert redis["image"].startswith("redis:")
    assert "allkeys-lru" in redis["command"]
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_the_elasticsearch_image_matches_the_client_and_the_ci_server(services):
    image = services["elasticsearch"]["image"]
    version = image.rsplit(":", 1)[1]
    ci_version = re.search(
        r"ES_VERSION=\$\{ES_VERSION:-([0-9.]+)\}", (ROOT / ".ci" / "elasticsearch.sh").read_text()
    ).group(1)

    assert image.startswith("docker.elastic.co/elasticsearch/elasticsearch:")
    assert version == ci_version
    assert version.split(".")[0] == elasticsearch.__versionstr__.split(".")[0]
    assert services["elasticsearch"]["environment"]["discovery.type"] == "single-node"


def test_long_running_services_have_health_checks_and_web_waits_for_them(services):
    for name, service in services.items():
        if service.get("restart") == "no":
            continue
        assert service["healthcheck"]["test"], name
    for name in WEB_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["elasticsearch"]["condition"] == "service_healthy", name
    assert services["web"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"


def test_data_lives_in_named_volumes(services):
    declared = set(compose()["volumes"])
    used: dict[str, str] = {}
    for name, service in services.items():
        for mount in service.get("volumes", []):
            source, target = mount.split(":")[:2]
            assert not source.startswith((".", "/", "~")), f"{name} bind-mounts {source}"
            used[target] = source
    assert used["/var/lib/postgresql/data"] in declared
    assert used["/usr/share/elasticsearch/data"] in declared
    assert used["/app/media"] in declared
    assert set(used.values()) == declared


def test_setup_migrates_and_builds_the_index(services):
    command = " ".join(services["setup"]["command"])

    assert "manage.py migrate" in command
    assert "manage.py rebuild_directory_index" in command
    assert get_commands()["rebuild_directory_index"] == "search.elastic"
    assert services["setup"]["restart"] == "no"


def test_the_web_image_runs_gunicorn_with_whitenoise(web_settings):
    dockerfile = DOCKERFILE.read_text()
    dependencies = (ROOT / "pyproject.toml").read_text()

    assert '"gunicorn", "localoffer.wsgi:application"' in dockerfile
    assert "collectstatic" in dockerfile
    assert '"gunicorn>=' in dependencies and '"whitenoise>=' in dependencies
    middleware = web_settings["middleware"]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert web_settings["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_every_variable_the_file_needs_is_in_the_example_env():
    text = COMPOSE.read_text()
    needed = {m.group("name") for m in _VARIABLE.finditer(text) if m.group("name")}
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))

    assert needed - documented == set()


def test_the_static_files_collect_with_the_production_storage(tmp_path):
    """Every file the CSS refers to exists, or WhiteNoise's manifest would fail at build."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "govuk/site.css" in manifest["paths"]
    hashed = manifest["paths"]["govuk/site.css"]
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()


def test_only_the_web_port_is_published_and_only_on_the_loopback_address(services):
    # The site trusts X-Forwarded-Proto and X-Forwarded-For from the proxy in front, so
    # nothing but that proxy, on the same host, may reach gunicorn directly.
    published = {name: service.get("ports", []) for name, service in services.items()}
    assert {name for name, ports in published.items() if ports} == {"web"}
    for port in published["web"]:
        host, _, rest = str(port).partition(":")
        assert host == "127.0.0.1", port
        assert rest.endswith(":8000"), port
