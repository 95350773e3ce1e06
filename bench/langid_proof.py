"""Proof that py3langid's state after any text is its state after the last ``DEPTH`` bytes.

``pipeline.extract.langmodel.Identifier`` finds py3langid's automaton state at every byte
from the ``DEPTH`` bytes that end there. That is exact iff, for every string ``u`` of
``DEPTH + 1`` bytes, the walk from the start over ``u`` ends where the walk over ``u[1:]``
ends (then, by induction on the length, any text's state is its last ``DEPTH`` bytes' state).
This checks every such ``u`` at once: the pairs (state after ``u``, state after ``u[1:]``)
that strings of each length reach, grown a byte at a time, must all be equal at
``DEPTH + 1`` bytes. About 30 s of CPU and 2 GB; run ``python -m bench.langid_proof``.
"""

from __future__ import annotations

import numpy as np
from py3langid import langid, modelio

from pipeline.extract.langmodel import DEPTH


def check() -> bool:
    """Whether the model's automaton forgets everything but the last ``DEPTH`` bytes."""
    model = modelio.load_model(langid.MODEL_DIR / langid.MODEL_FILE)
    _, _, _, nextmove, row, _ = model
    step = np.frombuffer(nextmove, dtype=nextmove.typecode).astype(np.int64)
    rows = np.frombuffer(row, dtype=row.typecode).astype(np.int64) << 8
    states, byte = len(rows), np.arange(256)
    pairs = np.stack([step[rows[0] + byte], np.zeros(256, dtype=np.int64)], axis=1)  # 1 byte
    for _ in range(DEPTH):  # up to DEPTH + 1 bytes
        after = step[rows[pairs[:, 0]][:, None] + byte].ravel()
        tail = step[rows[pairs[:, 1]][:, None] + byte].ravel()
        codes = np.unique(after * states + tail)
        pairs = np.stack([codes // states, codes % states], axis=1)
    return bool((pairs[:, 0] == pairs[:, 1]).all())


if __name__ == "__main__":
    ok = check()
    print(f"state after any text = state after its last {DEPTH} bytes: {ok}")
    raise SystemExit(0 if ok else 1)
