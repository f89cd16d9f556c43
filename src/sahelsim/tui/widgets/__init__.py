"""The game's widgets: the map, the indicator and places panels, the decision panel."""
