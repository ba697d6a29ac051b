"""The answer text: a ``Composer`` turns evidence and passages into a ``Draft`` with [n] markers.
Extractive (default, offline: quoted sentences, a figure lead) or an LLM through LangChain.
Hands the draft to proof.
"""
