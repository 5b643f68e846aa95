"""Airflow local settings: preload the pipeline's modules in every Airflow process.

Airflow imports this module (from ``$AIRFLOW_HOME/config/``) when it starts. Task
processes are forked from the scheduler (LocalExecutor) or the Celery worker, so
they inherit these imports instead of paying about a second and a half for them
in every task: a run with nothing new stays within seconds.
"""

try:
    import ingest.stages  # noqa: F401  (elasticsearch, httpx, the archive, the models)
    import ingest.ops  # noqa: F401
except ImportError:  # a process without the project (e.g. a bare API server image)
    pass
