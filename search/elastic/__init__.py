"""The directory on Elasticsearch (issue 5): the index, its lifecycle and the backend.

``backend.ElasticsearchBackend`` plugs into the directory's search backend seam
(``search.backends``) and is chosen when ``ELASTICSEARCH_URL`` is set. See
docs/elasticsearch.md.
"""
