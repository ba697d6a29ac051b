"""Which passages: BM25, dense, or both fused, over the index. Hands ranked ``Hit`` records
(``index.records``) to the evidence stage; also offered as a LangChain retriever.
"""
