"""The directory's behaviour tests, collected here to run on both backends.

These are the tests of tests/search that state what every backend must do. They are
imported, not copied, so a test added there is part of the contract at once; here
``directory_backend`` (see conftest.py) runs each on the database and on Elasticsearch.
"""

from __future__ import annotations

from ..test_demo_data import *  # noqa: F403
from ..test_directory_page import *  # noqa: F403
from ..test_distance import *  # noqa: F403
from ..test_filters import *  # noqa: F403
from ..test_robustness import *  # noqa: F403
from ..test_robustness import test_queries_per_request_are_few_and_do_not_grow
from ..test_visibility import *  # noqa: F403
from ..test_words import *  # noqa: F403

# Counts the database backend's SQL queries: not part of the contract.
del test_queries_per_request_are_few_and_do_not_grow
