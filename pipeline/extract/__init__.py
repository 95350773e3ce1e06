"""The extraction steps: pure functions of a capture and the registry to rows.

Nothing here imports storage, publishing or the CLI; ``pipeline.build.steps`` lists the steps in
order and fingerprints their sources.
"""
