"""What makes an answer trustworthy: each [n] marker becomes a ``Citation`` (section, printed page,
exact quote, the report's sources), charts become ``FigureCard``s, and every number of the answer
is proven digit for digit against the cited text.
"""
