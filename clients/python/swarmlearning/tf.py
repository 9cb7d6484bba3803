"""``from swarmlearning.tf import SwarmCallback``: the Keras callback (openswarm.tf)."""
from openswarm.tf import SwarmCallback  # noqa: F401
from openswarm.errors import SwarmError  # noqa: F401

__all__ = ["SwarmCallback", "SwarmError"]
