"""The answer stage: a question in, a grounded Norwegian answer out.

The stages, in the order a question meets them (``assistant.assistant.Assistant`` runs them):
``question`` (what is asked) → ``search`` (which passages) → ``evidence`` (what the report says
about it, and whether it answers) → ``compose`` (the answer text) → ``proof`` (citations, figure
cards, every number proven). ``reading`` holds the text tools all of them share. See
docs/ARCHITECTURE.md.
"""
