"""Read stage: the files of data/ and content/ into typed records, every value and problem located (file:line:col)."""
