# The production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=pcplan.settings.production
# WeasyPrint needs Pango; poppler-utils reads PDFs back (page counts, text checks).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation poppler-utils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs the production settings to load; the key used here is thrown away.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 pcplan && mkdir -p /app/var/media && chown -R pcplan /app/var
USER pcplan
EXPOSE 8000
CMD ["gunicorn", "pcplan.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--workers", "2", "--threads", "4", "--access-logfile", "-"]
