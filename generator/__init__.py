"""Transparency publisher: validates a county education bureau's disclosure data and builds its public site.

The folders are the pipeline's stages; data flows one way and nothing is written until everything is checked.

    cli.py        commands; the only place that prints or exits
    validate.py   validate = read -> rules (+ the privacy gate over inputs); every problem at once
    build.py      build = validate -> render -> publish (engine, search, shells, last privacy gate, atomic swap)
    serve.py      preview for staff: build into .preview/ and serve it on 127.0.0.1, rebuilding on change
    problems.py   what every stage reports: located problems as data, one table of codes
    catalog.py    what flows from rules to render: the frozen, validated records and their indexes
    memo.py       values computed once per catalogue or public view, kept on that object
    paths.py      where a command may write: never through a link, over another kind of file, or (full names)
                  inside a work tree; files replaced in one step from a private folder; git tree paths checked

    read/         files of data/ and content/ -> typed records, every value located (file:line:col)
    schema/       one model per file of the data contract; field docstrings make the guide and JSON Schemas
    rules/        record and cross-record checks, and the domain rules the site applies too (list state,
                  publicity periods, working days, identifiers, report figures, record URLs)
    privacy/      the privacy gate: one set of finders over inputs, git history and the built site
    datasets/     one declaration per dataset family (a module, or a folder with its checks and pages)
    render/       the catalogue as citizens see it on a day -> files (pages, downloads, feed, record index)
    publish/      rendered files -> built site: MkDocs, Pagefind, record page shells, site folder swap, preview
    git/          revisions, record comparison, the PR diff and each record's history
    staff/        outside the build: spreadsheet import, fill-in templates, credit-platform export
    synth/        a fictional county of any size, for benchmarks
    templates/    Jinja templates of pages and record pages
"""

__version__ = "0.1.0"
