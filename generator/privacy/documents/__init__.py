"""Privacy stage, attachments: one reader per kind of file staff attach under content/ (zip packages, XML parts,
spreadsheets, PDFs, pictures, web and plain text), all bounded by the limits in base.py."""
