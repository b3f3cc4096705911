package dev.reconciler.core.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A pooled connection closed as a connection of its own would be, as far as its work can tell: a
 * transaction it left open is rolled back, and a session whose state the pool cannot vouch for ends
 * instead of going back to the pool.
 *
 * <p>The pool rolls back only a transaction it saw a statement of. A COPY through the driver's own
 * API is not one, and the pool's reset of auto-commit would then commit the copied rows; and a COPY
 * stream a failure left half read (an out-of-memory error, a stop) would hand its rest to the next
 * borrower. So a connection the driver's API was used on ends its session on close, and so does one
 * whose rollback fails. Every other call goes to the pooled connection as it is.
 */
final class PooledConnection implements Connection {
  private final Connection pooled;
  private final HikariDataSource pool;
  private boolean driversOwnApi;

  PooledConnection(Connection pooled, HikariDataSource pool) {
    this.pooled = pooled;
    this.pool = pool;
  }

  @Override
  public void close() throws SQLException {
    if (pooled.isClosed()) {
      return;
    }
    boolean clean = !driversOwnApi;
    if (clean && !pooled.getAutoCommit()) {
      try {
        pooled.rollback();
      } catch (SQLException e) {
        clean = false;
      }
    }
    if (clean) {
      pooled.close();
      return;
    }
    // The session ends, and the server rolls back whatever it left.
    Connection session = pooled.unwrap(Connection.class);
    pool.evictConnection(pooled);
    session.close();
  }

  /** The driver's own connection, for its COPY API: this one's session then ends on close. */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    driversOwnApi = true;
    return pooled.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return pooled.isWrapperFor(iface);
  }

  @Override
  public Statement createStatement() throws SQLException {
    return pooled.createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    return pooled.prepareStatement(a0);
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    return pooled.prepareCall(a0);
  }

  @Override
  public String nativeSQL(String a0) throws SQLException {
    return pooled.nativeSQL(a0);
  }

  @Override
  public void setAutoCommit(boolean a0) throws SQLException {
    pooled.setAutoCommit(a0);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return pooled.getAutoCommit();
  }

  @Override
  public void commit() throws SQLException {
    pooled.commit();
  }

  @Override
  public void rollback() throws SQLException {
    pooled.rollback();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return pooled.isClosed();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return pooled.getMetaData();
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    pooled.setReadOnly(a0);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return pooled.isReadOnly();
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    pooled.setCatalog(a0);
  }

  @Override
  public String getCatalog() throws SQLException {
    return pooled.getCatalog();
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    pooled.setTransactionIsolation(a0);
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return pooled.getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return pooled.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    pooled.clearWarnings();
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    return pooled.createStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    return pooled.prepareStatement(a0, a1, a2);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    return pooled.prepareCall(a0, a1, a2);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return pooled.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
    pooled.setTypeMap(a0);
  }

  @Override
  public void setHoldability(int a0) throws SQLException {
    pooled.setHoldability(a0);
  }

  @Override
  public int getHoldability() throws SQLException {
    return pooled.getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return pooled.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String a0) throws SQLException {
    return pooled.setSavepoint(a0);
  }

  @Override
  public void rollback(Savepoint a0) throws SQLException {
    pooled.rollback(a0);
  }

  @Override
  public void releaseSavepoint(Savepoint a0) throws SQLException {
    pooled.releaseSavepoint(a0);
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    return pooled.createStatement(a0, a1, a2);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    return pooled.prepareStatement(a0, a1, a2, a3);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    return pooled.prepareCall(a0, a1, a2, a3);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    return pooled.prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    return pooled.prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    return pooled.prepareStatement(a0, a1);
  }

  @Override
  public Clob createClob() throws SQLException {
    return pooled.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return pooled.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return pooled.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return pooled.createSQLXML();
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    return pooled.isValid(a0);
  }

  @Override
  public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
    pooled.setClientInfo(a0, a1);
  }

  @Override
  public void setClientInfo(Properties a0) throws SQLClientInfoException {
    pooled.setClientInfo(a0);
  }

  @Override
  public String getClientInfo(String a0) throws SQLException {
    return pooled.getClientInfo(a0);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return pooled.getClientInfo();
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) throws SQLException {
    return pooled.createArrayOf(a0, a1);
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) throws SQLException {
    return pooled.createStruct(a0, a1);
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    pooled.setSchema(a0);
  }

  @Override
  public String getSchema() throws SQLException {
    return pooled.getSchema();
  }

  @Override
  public void abort(Executor a0) throws SQLException {
    pooled.abort(a0);
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    pooled.setNetworkTimeout(a0, a1);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return pooled.getNetworkTimeout();
  }
}
