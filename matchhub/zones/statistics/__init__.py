"""The indicator report of every zone and the province for one period (``periods``: a
year, half-year, quarter or the year to a date; growth against the same period a year
before), as typed objects (``values``): contract figures of both calibers with their
breakdowns aggregated in SQL, counts from the registers, entered values, targets and
progress (``report``); and what is made of it: the indicator table, dashboards with their
chart options (``charts``, colours from ``palette``), trends, the XLSX export, the
per-year history, and the public summaries (``public_summary``) under the suppression
rule of ``suppression``."""
