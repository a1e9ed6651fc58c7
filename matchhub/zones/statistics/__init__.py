"""The yearly indicator report of every zone and the province, as typed objects
(``values``): contract figures aggregated in SQL, counts from the registers, entered
values, targets and progress (``report``); and what is made of it: the indicator table,
dashboards with their chart data, trends, the XLSX export and the per-year history."""
