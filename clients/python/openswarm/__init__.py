"""OpenSwarm Python client: the ML program's side of Swarm Learning.

``openswarm.callback.SwarmCallbackBase`` speaks the SL's ML API (docs/ml-api.md); ``openswarm.pyt`` and
``openswarm.tf`` adapt it to PyTorch and Keras; ``openswarm.safetensors`` is the parameter codec.
"""
from .errors import SwarmError

__version__ = "0.1.0"
__all__ = ["SwarmError", "__version__"]
