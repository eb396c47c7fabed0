#!/usr/bin/env python3
"""A real TAP client (pyvo) run by PyvoClientTests against the test server.

Usage: pyvo_client.py BASE_URL COMMAND [ARG]
  sync ADQL     run ADQL synchronously; print {"columns", "units", "rows"}
  async ADQL    run ADQL asynchronously (UWS: submit, run, wait, fetch, delete); print as sync
  upload ADQL TARGETS [async]
                run ADQL with TAP_UPLOAD.targets, a table (id int, ra, dec double) from the JSON
                list of [id, ra, dec] rows TARGETS, synchronously or with "async" asynchronously
  tables        read service.tables (VOSI); print {"tables": [names], "units": {"table.column": unit}}
  error ADQL    run ADQL expecting a failure; print {"error_type", "message"} (or {"error_type": null} if it ran)

Prints one JSON object on standard output; exits 2 when pyvo is missing (the test says to install it).
"""
import json
import math
import sys

try:
    import pyvo
except ImportError as error:  # the test turns this into a failure telling to install pyvo
    print(json.dumps({"missing": "pyvo", "message": str(error)}))
    sys.exit(2)

# pyvo reads a job document with a 10-second timeout. The test suite runs a thousand tests on two cores
# beside this server, where a response can wait longer than that for a thread; a client timing out is not
# what these tests check, so they allow two minutes.
pyvo.dal.tap.DEFAULT_JOB_POLL_TIMEOUT = 120


def cell(value):
    """A JSON value of one table cell: None for masked or NaN, Python numbers and strings otherwise."""
    if value is None or getattr(value, "mask", False) is True:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def sync(service, adql):
    table = service.run_sync(adql).to_table()
    rows = [[cell(row[name]) for name in table.colnames] for row in table]
    units = {name: (str(table[name].unit) if table[name].unit is not None else None) for name in table.colnames}
    return {"columns": list(table.colnames), "units": units, "rows": rows}


def run_async(service, adql):
    table = service.run_async(adql).to_table()
    rows = [[cell(row[name]) for name in table.colnames] for row in table]
    units = {name: (str(table[name].unit) if table[name].unit is not None else None) for name in table.colnames}
    return {"columns": list(table.colnames), "units": units, "rows": rows}


def upload(service, adql, targets, mode):
    from astropy.table import Table
    table = Table(rows=[tuple(row) for row in json.loads(targets)], names=("id", "ra", "dec"), dtype=("i4", "f8", "f8"))
    run = service.run_async if mode == "async" else service.run_sync
    result = run(adql, uploads={"targets": table}).to_table()
    rows = [[cell(row[name]) for name in result.colnames] for row in result]
    return {"columns": list(result.colnames), "units": {}, "rows": rows}


def tables(service):
    names = []
    units = {}
    for table in service.tables:
        names.append(table.name)
        for column in table.columns:
            if column.unit:
                units[table.name + "." + column.name] = str(column.unit)
    return {"tables": names, "units": units}


def error(service, adql):
    try:
        service.run_sync(adql)
    except pyvo.dal.DALQueryError as failure:
        return {"error_type": type(failure).__name__, "message": str(failure)}
    except pyvo.dal.DALServiceError as failure:
        return {"error_type": type(failure).__name__, "message": str(failure)}
    return {"error_type": None, "message": ""}


def main():
    base, command = sys.argv[1], sys.argv[2]
    service = pyvo.dal.TAPService(base)
    if command == "sync":
        result = sync(service, sys.argv[3])
    elif command == "async":
        result = run_async(service, sys.argv[3])
    elif command == "upload":
        result = upload(service, sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else "sync")
    elif command == "tables":
        result = tables(service)
    elif command == "error":
        result = error(service, sys.argv[3])
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
