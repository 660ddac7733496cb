# evalbot: the Telegram bot, built with its knowledge base and compiled catalogs.
#   docker build -t evalbot .
#   docker run --env-file .env -v evalbot-data:/data evalbot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EVALBOT_DB=/data/knowledge.db \
    EVALBOT_HEARTBEAT=/tmp/evalbot.alive \
    MPLCONFIGDIR=/home/evalbot/.cache/matplotlib

RUN groupadd --system --gid 10001 evalbot \
    && useradd --system --uid 10001 --gid evalbot --create-home --home-dir /home/evalbot evalbot \
    && mkdir /data \
    && chown evalbot:evalbot /data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY knowledge ./knowledge
COPY bot ./bot

# Install, then compile the gettext catalogs where the installed package reads them.
RUN pip install --no-cache-dir . \
    && pybabel compile --domain messages --statistics \
       --directory "$(python -c 'import bot, os; print(os.path.join(os.path.dirname(bot.__file__), "locales"))')"

USER 10001:10001
WORKDIR /home/evalbot

# The knowledge base and matplotlib's font cache are built once, here, not at first use
# (drawing one chart through the public API builds the cache and registers the font).
RUN evalbot build \
    && python -c "from bot.answer import Chart; from bot.chart import render_png; \
render_png(Chart('warm-up', '', '', {'average': [('2023', 75.0)]}))"

# /data holds the knowledge base and what users told the bot (language, subscriptions).
VOLUME ["/data"]
# Only used with `evalbot run --webhook URL --port 8443`.
EXPOSE 8443

# The bot touches EVALBOT_HEARTBEAT every 30 s while it runs and can deliver notifications.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, time; sys.exit(time.time() - os.path.getmtime(os.environ['EVALBOT_HEARTBEAT']) > 90)"]

CMD ["evalbot", "run"]
