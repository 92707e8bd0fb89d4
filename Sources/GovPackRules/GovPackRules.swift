// Module GovPackRules: see ../shared/STYLE.md for its place in the pipeline.
