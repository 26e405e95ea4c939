"""Rules stage: what the data must obey (record and cross-record checks) and the domain rules both the checks and
the site apply: list state, publicity periods, working days, identifiers, report figures, record URLs."""
