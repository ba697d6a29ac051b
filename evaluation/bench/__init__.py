"""`kunnskap bench`: ingest, load, cold start, warm latency, memory, scaling, the naive stack and
the UI, measured on this machine. ``run.run_bench`` runs the sections (``sections``); heavy work
runs in fresh processes (``child``, started through ``launch``) so peak memory is their own.
"""
