"""How much of a long list one page shows before it caps or folds the rest.

Most readers are on phones: at province a campaign listed 1,000 decisions, an authority 206
stories, a plan 130 implementing plans, each tens of thousands of pixels long. A capped list says
how many there are and links to the page that lists them all; a folded list keeps every item on the
page, behind a summary ("Xem thêm 3 văn bản", "Xem 130 văn bản thực hiện") that a reader opens."""

# The latest award decisions an authority's, a campaign's or a plan's page lists; its honor roll lists
# those with a published line, the decisions' index every one (a plan's: van-ban/<id>/quyet-dinh/)
DECISIONS_SHOWN = 50
# The newest stories an authority's page lists; its page of stories lists them all
STORIES_SHOWN = 10
# Items a plan's map lists before folding the rest; past as many children under one document, a
# campaign's plan tree folds them all (a fold after the tenth of 130 would still be 20,000 px); past
# as many authorities of one level, an authority's page or the directory folds that level
FOLD_AFTER = 10
# Rows a table of decisions or documents on a page that holds other lists shows before "Xem thêm",
# then fifty a tap (thidua.js, data-td-first): a campaign's newest decisions and its documents (two
# tables of fifty were 22,000 of the 26,000 px of a campaign's page on a phone), an authority's
# newest decisions, and a plan's newest
FIRST_ROWS = 10
