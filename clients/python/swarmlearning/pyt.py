"""``from swarmlearning.pyt import SwarmCallback``: the PyTorch callback (openswarm.pyt)."""
from openswarm.pyt import SwarmCallback  # noqa: F401
from openswarm.errors import SwarmError  # noqa: F401

__all__ = ["SwarmCallback", "SwarmError"]
