"""``from swarmlearning.swci import Swci``: the SWCI web wrapper (openswarm.swci)."""
from openswarm.swci import Swci, SwciError, parse_nodes  # noqa: F401

__all__ = ["Swci", "SwciError", "parse_nodes"]
