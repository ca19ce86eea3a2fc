#!/usr/bin/env python3
"""Reads cx_metrics results through psycopg2 as a Python BI tool does.

    bi_client.py DSN QUERIES OUT COPY_DIR

Runs every query of QUERIES (name TAB query [TAB binary reference]) and
writes name|value|... lines to OUT, after a line "name:types|..." with the
columns' type names.  Floats print as repr(), which reads back as the
same float; summaries arrive as text.  Then each summary table is copied
out with COPY ... (FORMAT binary) to COPY_DIR/<table>.copy and back into a
new table, and "copy:<table>|rows|rows in|equal rows" follows.
"""
import io
import sys

import psycopg2

def value(v):
    if v is None:
        return "NULL"
    if isinstance(v, float):
        return repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def copy(cur, table, key, cols, copy_dir, out):
    cols_list = key + ", " + ", ".join(cols)
    buf = io.BytesIO()
    cur.copy_expert("COPY (SELECT %s FROM %s ORDER BY %s) TO STDOUT (FORMAT binary)"
                    % (cols_list, table, key), buf)
    data = buf.getvalue()
    with open("%s/%s.copy" % (copy_dir, table), "wb") as f:
        f.write(data)
    cur.execute("SELECT count(*) FROM %s" % table)
    rows = cur.fetchone()[0]
    cur.execute("DROP TABLE IF EXISTS %s_py" % table)
    cur.execute("CREATE TABLE %s_py AS SELECT %s FROM %s WITH NO DATA" % (table, cols_list, table))
    cur.copy_expert("COPY %s_py FROM STDIN (FORMAT binary)" % table, io.BytesIO(data))
    rows_in = cur.rowcount
    on = " AND ".join("a.%s = b.%s" % (k, k) for k in key.split(", "))
    same = "".join(" AND a.%s = b.%s AND a.%s::text = b.%s::text" % (c, c, c, c) for c in cols)
    cur.execute("SELECT count(*) FROM %s a JOIN %s_py b ON %s%s" % (table, table, on, same))
    out.write("copy:%s|%d|%d|%d\n" % (table, rows, rows_in, cur.fetchone()[0]))


def main():
    dsn, queries, out_path, copy_dir = sys.argv[1:5]
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SELECT oid, typname FROM pg_type")
    types = dict(cur.fetchall())
    with open(out_path, "w") as out:
        for line in open(queries):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, query = line.split("\t")[:2]
            cur.execute(query)
            out.write("%s:types|%s\n" % (name, "|".join(
                types[d.type_code] for d in cur.description)))
            for row in cur.fetchall():
                out.write("|".join([name] + [value(v) for v in row]) + "\n")
        copy(cur, "daily", "day, segment", ["nps", "csat", "ces"], copy_dir, out)
        copy(cur, "monthly_churn", "plan, month", ["churn"], copy_dir, out)
    conn.close()


if __name__ == "__main__":
    main()
