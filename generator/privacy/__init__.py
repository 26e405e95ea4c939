"""Privacy gate: the same finders (ID, mobile and bank card numbers; masked parties' full names) run over the inputs
(validate), over git history (validate --history) and over the built site (the last gate of build)."""
