"""``python -m budgetqa.audit``: print the README's rule table from the registry."""

from .registry import rule_table

print(rule_table())
