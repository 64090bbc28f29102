"""Write the whole hostile corpus into a folder for a look: `python -m tests.hostile FOLDER`.

An entry of its own: run as a script, corpus.py would be a second copy of itself, and the case
modules that import it would find it half made.
"""

import sys
from pathlib import Path

from tests.hostile.corpus import write_corpus

write_corpus(Path(sys.argv[1]))
