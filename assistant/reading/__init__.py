"""Reading the report's Norwegian: sentences and stems, numbers, quantities, and the group, level,
place and year a text names. Shared by every stage; imports nothing else from ``assistant``.
"""
