"""Demonstration zones (示范区) and their indicators. Zones are data in config/zones.json;
see matchhub.core.regions.zones()."""
