# The web image for docker-compose.yml: the site under gunicorn, static files served by
# WhiteNoise from inside the image. Build: docker compose build (see docs/deployment.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=localoffer.settings.production

RUN useradd --system --create-home --home-dir /home/localoffer --uid 10001 localoffer
WORKDIR /app

# Dependencies first, from the lock file alone, so code changes reuse this layer: the
# exact versions CI tested, each checked against its hash. Every dependency has a
# manylinux wheel: no compiler needed.
COPY requirements/production.txt requirements/production.txt
RUN pip install --require-hashes --only-binary=:all: -r requirements/production.txt

# The site runs from its source in /app (gunicorn and manage.py import it from the
# working directory), so the project itself is not pip-installed.
COPY . .
# Content-hashed, compressed static files for WhiteNoise. The settings need a key and
# a host to load; these placeholders exist only during the build.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --no-input --verbosity 0 \
 && mkdir -p /app/media && chown localoffer:localoffer /app/media

USER localoffer
EXPOSE 8000
# WEB_CONCURRENCY (gunicorn's own variable) sets the number of worker processes.
CMD ["gunicorn", "localoffer.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", "--timeout", "60"]
