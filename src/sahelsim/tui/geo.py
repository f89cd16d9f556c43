"""The outline of Mali that the map draws.

Copied from ``sources/mali-outline.json``: simplified (Douglas-Peucker, 0.2 degree tolerance)
from the public-domain Natural Earth derived outline in ``johan/world.geo.json``
(``countries/MLI.geo.json``). At this simplification some border villages, such as Boulkessi,
fall a few kilometres outside the line; the map draws them where their coordinates put them.
"""

from __future__ import annotations

#: The country the outline is of.
NAME = "Mali"

#: The outline as ``(longitude, latitude)`` pairs in degrees; the last point closes the ring.
MALI_OUTLINE: tuple[tuple[float, float], ...] = (
    (-12.17, 14.62),
    (-11.67, 15.39),
    (-10.65, 15.13),
    (-9.55, 15.49),
    (-5.54, 15.5),
    (-5.32, 16.2),
    (-6.45, 24.96),
    (-4.92, 24.97),
    (1.82, 20.61),
    (2.06, 20.14),
    (3.15, 19.69),
    (3.16, 19.06),
    (4.27, 19.16),
    (4.27, 16.85),
    (3.64, 15.57),
    (1.39, 15.32),
    (1.02, 14.97),
    (-1.07, 14.97),
    (-3.1, 13.54),
    (-4.01, 13.47),
    (-5.22, 11.71),
    (-5.4, 10.37),
    (-6.05, 10.1),
    (-6.21, 10.52),
    (-6.85, 10.14),
    (-8.03, 10.21),
    (-8.28, 10.79),
    (-8.62, 10.81),
    (-8.38, 11.39),
    (-9.13, 12.31),
    (-10.17, 11.84),
    (-11.04, 12.21),
    (-11.46, 12.08),
    (-12.17, 14.62),
)
