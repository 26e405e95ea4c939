"""Transparency publisher: validates a county education bureau's disclosure data and builds its public site.

The folders are the pipeline's stages, in layers (tests/test_layout.py enforces them): a module imports only its
own layer and those below, and the import graph has no cycle. The dataset families sit above the stages: the stages
work on the registry's types (model.py) and learn every dataset from the registry handed down to them (on the
catalogue), never by importing a family.

    paths.py      where a command may write: never through a link, over another kind of file, or (full names)
                  inside a work tree; files replaced in one step from a private folder; git tree paths checked
    problems.py   what every stage reports: located problems as data, one table of codes
    memo.py       values computed once per catalogue or public view, kept on that object
    lazy.py       libraries a build imports on first use (PDF, fonts, attachments), from a thread of their own
    schema/       the shared types of the data contract (identifiers, dates, amounts), site.yml and the reports'
                  front matter; each family's record models are in its own folder
    model.py      what the stages work on: Dataset, Publication, Cell, the catalogue's and public view's shapes
                  (CatalogLike, View) and the Registry
    read/         files of data/ and content/ -> typed records, every value located (file:line:col)
    git/          revisions, record comparison, each record's history and versions
    privacy/      the privacy gate: one set of finders over inputs, git history and the built site
    rules/        record and cross-record checks shared by families, and the domain rules the site applies too
                  (publicity periods, working days, report figures, record URLs)
    catalog.py    what flows from rules to render: the frozen, validated records and the registry (a family's
                  lookups over them are its own index.py)
    render/       the catalogue as citizens see it on a day -> files (pages, downloads, feed, record index)
    publish/      rendered files -> built site: MkDocs, Pagefind, record page shells, site folder swap, preview
    synth/        a fictional county of any size, for benchmarks (each family adds its own synthetic rows)
    datasets/     the registry: one folder per dataset family (its declarations, model, checks, codes, index,
                  figures, views and pages) and the public view the families share
    validate.py   validate = read -> rules (+ the privacy gate over inputs); every problem at once
    build.py      build = validate -> render -> publish (engine, search, shells, last privacy gate, atomic swap)
    diff.py       the pull-request diff: both revisions validated, compared record by record, as Markdown
    staff/        outside the build: spreadsheet import, fill-in templates, credit-platform export
    serve.py      preview for staff: build into .preview/ and serve it on 127.0.0.1, rebuilding on change
    cli.py        commands; the only place that prints or exits
    templates/    Jinja templates of pages and record pages
"""

__version__ = "0.1.0"
