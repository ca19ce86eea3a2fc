// Reads cx_metrics results over JDBC as a BI tool does: prepared statements,
// metrics with getDouble/getLong, summaries as strings (or, with the
// driver's binary transfer, as their binary form), and summaries copied out
// and back in with COPY ... (FORMAT binary) through the driver's CopyManager.
//
//   java -cp postgresql.jar:. BiClient URL text|binary QUERIES OUT [COPY_DIR]
//
// Runs every query of QUERIES (name TAB query [TAB binary reference]) and
// writes name|value|... lines to OUT, after a line "name:types|..." with
// the columns' PostgreSQL types.  Doubles print as Double.toString, which
// reads back as the same double.  Summary columns print as text, or with
// "binary" (a URL with binaryTransfer=true, prepareThreshold=-1 and the
// summary types' OIDs in binaryTransferEnable) as the bytes the driver
// received, \x and hex: the binary form only if the driver asked the
// server for binary.  With COPY_DIR, each
// summary table is copied out in binary to COPY_DIR/<table>.copy and back
// into a new table, and the line "copy:<table>|rows|equal rows" follows.
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

public class BiClient {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean binary = args[1].equals("binary");
        List<String> lines = Files.readAllLines(Paths.get(args[2]));
        try (Connection c = DriverManager.getConnection(url);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[3])))) {
            for (String line : lines) {
                if (line.isEmpty() || line.startsWith("#"))
                    continue;
                String[] f = line.split("\t");
                try (PreparedStatement st = c.prepareStatement(f[1]);
                     ResultSet rs = st.executeQuery()) {
                    print(f[0], rs, binary, out);
                }
            }
            if (args.length > 4) {
                copy(c, "daily", "day, segment", new String[] {"nps", "csat", "ces"}, args[4], out);
                copy(c, "monthly_churn", "plan, month", new String[] {"churn"}, args[4], out);
            }
        }
    }

    static void print(String name, ResultSet rs, boolean binary, PrintWriter out) throws Exception {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        StringBuilder types = new StringBuilder(name + ":types");
        for (int i = 1; i <= n; i++)
            types.append('|').append(md.getColumnTypeName(i));
        out.println(types);
        while (rs.next()) {
            StringBuilder row = new StringBuilder(name);
            for (int i = 1; i <= n; i++) {
                String v;
                switch (md.getColumnType(i)) {
                case Types.DOUBLE:
                    double d = rs.getDouble(i);
                    v = rs.wasNull() ? null : Double.toString(d);
                    break;
                case Types.BIGINT:
                    long l = rs.getLong(i);
                    v = rs.wasNull() ? null : Long.toString(l);
                    break;
                case Types.OTHER:
                    // a summary: its text, or the bytes received
                    if (binary) {
                        byte[] b = rs.getBytes(i);
                        v = b == null ? null : hex(b);
                    } else {
                        v = rs.getString(i);
                    }
                    break;
                default:
                    v = rs.getString(i);
                }
                row.append('|').append(v == null ? "NULL" : v);
            }
            out.println(row);
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("\\x");
        for (byte x : b)
            s.append(String.format("%02x", x));
        return s.toString();
    }

    static void copy(Connection c, String table, String key, String[] cols, String dir, PrintWriter out)
            throws Exception {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        String list = key + ", " + String.join(", ", cols);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows = cm.copyOut("COPY (SELECT " + list + " FROM " + table + " ORDER BY " + key
                + ") TO STDOUT (FORMAT binary)", bytes);
        Files.write(Paths.get(dir, table + ".copy"), bytes.toByteArray());
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table + "_jdbc");
            st.execute("CREATE TABLE " + table + "_jdbc AS SELECT " + list + " FROM " + table + " WITH NO DATA");
        }
        long in = cm.copyIn("COPY " + table + "_jdbc FROM STDIN (FORMAT binary)",
                new ByteArrayInputStream(bytes.toByteArray()));
        StringBuilder same = new StringBuilder();
        for (String col : cols)
            same.append(" AND a.").append(col).append(" = b.").append(col)
                .append(" AND a.").append(col).append("::text = b.").append(col).append("::text");
        String[] keys = key.split(", ");
        StringBuilder on = new StringBuilder("true");
        for (String k : keys)
            on.append(" AND a.").append(k).append(" = b.").append(k);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " a JOIN " + table
                     + "_jdbc b ON " + on + same)) {
            rs.next();
            out.println("copy:" + table + "|" + rows + "|" + in + "|" + rs.getLong(1));
        }
    }
}
