"""Importers: turn the files an office holds (a plan as .txt/.docx, an annex of recipients as
.xlsx/.csv) into draft YAML records, and write skeletons of new records.

Each module does one job: `text` cleans and rejoins lines, `docx` reads Word files, `header`
and `signature` read the blocks around the body, `citations` finds cited documents, `plan`
builds the plan's parts, `facts` suggests typed facts, `datafolder` indexes what `data/`
already holds, `writer` writes YAML, `recipients` reads annexes, `skeleton` starts records,
`run` ties them to files. Every guess is recorded as a `review.Note` and written as a comment.
"""
