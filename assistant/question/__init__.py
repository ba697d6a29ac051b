"""What is asked: the cleaned question, a follow-up rewritten to stand alone, the terms, quantity
kind and counted thing it asks for, the everyday words it uses for the report's, and whether it
asks for a chart. Hands a query string and these readings to search and evidence.
"""
