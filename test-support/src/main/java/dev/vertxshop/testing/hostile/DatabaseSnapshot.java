package dev.vertxshop.testing.hostile;

import dev.vertxshop.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of one schema as a row count and an MD5 over its rows (each row as text, sorted), so
 * two snapshots are equal exactly when no row was added, removed or changed. Keeps one JDBC
 * connection open; close it when done.
 */
public final class DatabaseSnapshot implements AutoCloseable {

  private final Connection connection;
  private final List<String> tables = new ArrayList<>();

  public DatabaseSnapshot(TestDatabase database, String schema) {
    try {
      connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
      try (PreparedStatement list = connection.prepareStatement(
          "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
              + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        list.setString(1, schema);
        try (ResultSet rows = list.executeQuery()) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("schema " + schema + " has no tables");
    }
  }

  /** Table name to "rows:md5". */
  public Map<String, String> take() {
    Map<String, String> snapshot = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      for (String table : tables) {
        // The table names come from information_schema, quoted by quote_ident.
        try (ResultSet row = statement.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')"
            + " FROM " + table + " t")) {
          row.next();
          snapshot.put(table, row.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return snapshot;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
