"""What the report says about the question: every sentence of the retrieved passages scored
against it, each figure attributed to its group, level and place, and the verdict whether the
report answers at all. Hands ``Evidence`` (scored ``Candidate`` sentences) to compose.
"""
