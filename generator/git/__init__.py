"""Git stage: revisions and the files as they were at them, record comparison, and the PR diff / record histories."""
