"""The method's rules in one Qt-free place: what may sit under what, each kind's fields and
their limits, the steps of the workflow, and the words for all of them.

The app's services, every import, ``bigdesk check`` and the tests use these rules, so an
edit, an import and a finding always agree.
"""
