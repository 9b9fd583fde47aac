"""(In progress) Rules that plans lay down for award decisions: level, quotas, prerequisites, dates."""
from __future__ import annotations
