# The orggraph API. Neo4j runs in its own container (docker-compose.yml), so this image needs no Java.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir .

COPY schema ./schema
COPY seeds ./seeds

RUN useradd --system --uid 10001 orggraph && chown -R orggraph /app
USER orggraph

EXPOSE 8000
# Migrate (idempotent), then serve. Load the demo once by hand: `docker compose exec api orggraph seed load`.
CMD ["sh", "-c", "orggraph db migrate && orggraph serve"]
