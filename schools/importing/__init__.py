"""Loading schools in bulk, from any source, without overriding anyone's work.

Every import has the same shape (see docs/importing.md):

1. a **source** per format reads its file and checks all of it, touching no page:
   ``jsonfile`` (the JSON format of docs/import-format.md) and ``gias`` (the DfE
   register); every problem is a ``problems.Problem``, and a file with any problem writes
   nothing;
2. **planning** gives each school an ``actions.Action``, every update judged by the one
   editor rule (``editor_rule``);
3. **writing** carries the plan out in one transaction, every update to an existing page
   through ``editor_rule.write_update``.

``options`` holds the commands' shared ``--force`` and ``--user``.
"""
